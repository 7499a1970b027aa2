package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for {@link CaptureKillRestartTest}: captures one table until it is killed. Prints "READY" once the
 * capture runs (its snapshot has begun). Arguments: bootstrap servers, JDBC URL, user, schema.table, slot,
 * publication, topic prefix. The password comes from CAPTURE_CHILD_PASSWORD.
 */
public final class CaptureChild {
    private CaptureChild() {
    }

    public static void main(String[] args) throws Exception {
        DbSettings db = new DbSettings(args[1], args[2], System.getenv().getOrDefault("CAPTURE_CHILD_PASSWORD", ""));
        CaptureSettings settings = CaptureSettings.of(List.of(TableId.parse(args[3])), null)
                .withSlotName(args[4]).withPublicationName(args[5]).withTopicPrefix(args[6]);
        PostgresLogCapture capture = new PostgresLogCapture(db, KafkaSettings.of(args[0]), settings);
        capture.start();
        if (!capture.awaitState(StageState.RUNNING, Duration.ofSeconds(60))) {
            throw new IllegalStateException("capture not running: " + capture.status());
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // runs until killed
    }
}
