package dev.flowdeck.app.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderUsageTest {

    @Test
    void partsAddUpWhatEachFolderHolds(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("h2"));
        Files.write(dir.resolve("h2/livedb.mv.db"), new byte[3_000]);
        Files.createDirectories(dir.resolve("streams/app/0_1"));
        Files.write(dir.resolve("streams/app/0_1/store"), new byte[500]);
        Files.write(dir.resolve("console.properties"), new byte[20]);

        DataFolderUsage usage = DataFolderUsage.measure(dir);

        assertThat(usage.part(DataFolderUsage.H2)).isEqualTo(3_000);
        assertThat(usage.part(DataFolderUsage.STREAMS)).isEqualTo(500);
        assertThat(usage.part(DataFolderUsage.OTHER)).isEqualTo(20);
        assertThat(usage.totalBytes()).isEqualTo(3_520);
        assertThat(usage.diskBytes()).isPositive();
    }

    @Test
    void anActiveSegmentsPreallocatedIndexesCountAsTheEntriesItsLogCanHave(@TempDir Path dir) throws Exception {
        Path partition = Files.createDirectories(dir.resolve("kafka/db_live_events-0"));
        Files.write(partition.resolve("00000000000000000000.log"), new byte[10 * DataFolderUsage.KAFKA_INDEX_INTERVAL_BYTES]);
        preallocate(partition.resolve("00000000000000000000.index"), 1 << 20);
        preallocate(partition.resolve("00000000000000000000.timeindex"), 1 << 20);
        // a rolled segment's indexes are trimmed to their entries: counted as they are
        Files.write(partition.resolve("00000000000000000000.snapshot"), new byte[10]);
        Files.write(partition.resolve("leader-epoch-checkpoint"), new byte[7]);

        DataFolderUsage usage = DataFolderUsage.measure(dir);

        long log = 10L * DataFolderUsage.KAFKA_INDEX_INTERVAL_BYTES;
        assertThat(usage.part(DataFolderUsage.KAFKA)).isEqualTo(log + 11 * 8 + 11 * 12 + 10 + 7);
    }

    @Test
    void anIndexWithoutItsLogOrSmallerThanItsLogAllowsCountsAtItsLength(@TempDir Path dir) throws Exception {
        Path partition = Files.createDirectories(dir.resolve("kafka/t-0"));
        Files.write(partition.resolve("00000000000000000100.log"), new byte[100 * DataFolderUsage.KAFKA_INDEX_INTERVAL_BYTES]);
        Files.write(partition.resolve("00000000000000000100.index"), new byte[40]);
        Files.write(partition.resolve("orphan.index"), new byte[64]);

        assertThat(DataFolderUsage.measure(dir).part(DataFolderUsage.KAFKA))
                .isEqualTo(100L * DataFolderUsage.KAFKA_INDEX_INTERVAL_BYTES + 40 + 64);
    }

    private static void preallocate(Path file, long length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length); // as Kafka does for an active segment's index
        }
    }
}
