package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamProcessorStatusTest {
    @TempDir
    Path dir;

    @Test
    void withoutKafkaItIsDegradedWithAMessageThenStopsCleanly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Database db = Database.connect(new DbSettings("jdbc:h2:mem:status;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", ""));
        KafkaSettings nowhere = KafkaSettings.of("127.0.0.1:" + closedPort);
        StreamProcessor p = new StreamProcessor(db, nowhere, new ProcessorSettings(), new PipelineMetrics(), dir);
        p.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> p.status().state() == StageState.DEGRADED);
        assertThat(p.status().message()).contains("127.0.0.1:" + closedPort).contains("Retrying");
        assertThat(p.drain(Duration.ofMillis(200))).isFalse();
        p.stop();
        assertThat(p.status().state()).isEqualTo(StageState.STOPPED);
        assertThat(p.isAlive()).isFalse();
    }
}
