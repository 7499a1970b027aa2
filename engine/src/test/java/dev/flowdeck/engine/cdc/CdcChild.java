package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.source.BurstWriter;
import dev.flowdeck.engine.source.SeedRow;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for {@link CdcKillRestartTest}: runs four writers and the poller until it is killed (or, with "drain",
 * the poller only, for ever). Prints "READY" once the poller publishes.
 * Arguments: bootstrap servers, JDBC URL, user, topic, write|drain. The password comes from CDC_CHILD_PASSWORD.
 */
public final class CdcChild {
    private CdcChild() {
    }

    public static void main(String[] args) throws Exception {
        KafkaSettings kafka = KafkaSettings.of(args[0]);
        Database db = Database.connect(new DbSettings(args[1], args[2], System.getenv().getOrDefault("CDC_CHILD_PASSWORD", "")));
        PipelineSettings settings = new PipelineSettings().topic(args[3]).pollIntervalMs(10).pollBatchSize(300)
                .writerThreads(4).rowsPerBurst(40).burstIntervalMs(5);
        CdcPoller poller = new CdcPoller(db, kafka, settings, new StageCounters("poller"), new LatencyRecorder());
        poller.start();
        if (!poller.awaitState(StageState.RUNNING, Duration.ofSeconds(60))) {
            throw new IllegalStateException("poller not running: " + poller.status());
        }
        if ("write".equals(args[4])) {
            new BurstWriter(db, settings, List.of(new SeedRow("Acme", new BigDecimal("1.00"), "eu-west"),
                    new SeedRow("Globex", new BigDecimal("2.50"), "us-east")), new StageCounters("writer"), poller::wake, () -> 0).start();
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // runs until killed
    }
}
