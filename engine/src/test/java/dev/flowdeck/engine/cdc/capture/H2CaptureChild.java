package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.cdc.capture.h2.H2ChangeLogCapture;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;

/**
 * A child JVM for {@link H2CaptureKillRestartTest}: captures one H2 table (reached through the test's H2 TCP server)
 * until it is killed. Prints "READY" as soon as the snapshot has sent its first rows (so a kill right after lands in
 * the middle of the snapshot), or once streaming if there is no snapshot to take. Arguments: bootstrap servers, JDBC
 * URL, schema.table, topic prefix, data folder.
 */
public final class H2CaptureChild {
    private H2CaptureChild() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Database.connect(new DbSettings(args[1], "flowdeck", ""));
        CaptureSettings settings = CaptureSettings.of(List.of(TableId.parse(args[2])), Path.of(args[4])).withTopicPrefix(args[3]);
        H2ChangeLogCapture capture = new H2ChangeLogCapture(db, KafkaSettings.of(args[0]), settings);
        capture.start();
        TableCaptureStats stats = capture.tableStats().get(0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
            if (!capture.isAlive()) {
                throw new IllegalStateException("capture ended: " + capture.status());
            }
            return stats.snapshotRowsDone() > 0 || stats.snapshotComplete();
        });
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // runs until killed
    }
}
