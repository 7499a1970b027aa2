package dev.flowdeck.app.host;

import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFolderResetTest {
    @TempDir
    Path data;

    @Test
    void deletesKafkaH2AndStreamsAndKeepsEverythingElse() throws Exception {
        Files.createDirectories(data.resolve("kafka/db_live_events-0"));
        Files.write(data.resolve("kafka/db_live_events-0/00000000000000000000.log"), new byte[4_000]);
        Files.createDirectories(data.resolve("h2"));
        Files.write(data.resolve("h2/livedb.mv.db"), new byte[3_000]);
        Files.createDirectories(data.resolve("streams/app/0_0"));
        Files.write(data.resolve("streams/app/0_0/000001.sst"), new byte[2_000]);
        Files.writeString(data.resolve("notes.txt"), "mine");

        assertThat(DataFolderReset.delete(data)).isEqualTo(9_000);

        assertThat(data.resolve("kafka")).doesNotExist();
        assertThat(data.resolve("h2")).doesNotExist();
        assertThat(data.resolve("streams")).doesNotExist();
        assertThat(data.resolve("notes.txt")).hasContent("mine");
        assertThat(DataFolderReset.delete(data)).as("nothing left to delete is fine").isZero();
    }

    @Test
    void refusesWhileTheEmbeddedBrokerRunsAndDeletesNothing() throws Exception {
        Files.createDirectories(data.resolve("h2"));
        Files.write(data.resolve("h2/livedb.mv.db"), new byte[3_000]);
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(data))) {
            assertThat(broker.bootstrapServers()).isNotBlank();
            assertThatThrownBy(() -> DataFolderReset.delete(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("still has").hasMessageContaining("nothing was deleted");
            assertThat(data.resolve("h2/livedb.mv.db")).exists();
        }
        assertThat(DataFolderReset.delete(data)).isPositive();
        assertThat(data.resolve("kafka")).doesNotExist();
    }
}
