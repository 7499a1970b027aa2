package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.testing.ChildJvm;
import dev.flowdeck.engine.testing.SharedBroker;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the capturing process at random moments (the first one during the initial snapshot) while the table is
 * written, then restart: every committed change is in Kafka exactly once, in order per key. The broker lives in this
 * JVM; the capture in a child JVM that is killed.
 */
class CaptureKillRestartTest extends SharedBroker {

    @Test
    void killedDuringSnapshotAndStreamingThenRestartedLosesAndRepeatsNothing() throws Exception {
        try (CapturePg pg = new CapturePg()) {
            PostgresLogCaptureTest.createOrders(pg, 20_000);
            CaptureSettings settings = pg.settings("orders");
            String topic = settings.topicOf(pg.table("orders"));
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                long seed = 10;
                while (writing.get()) {
                    PostgresLogCaptureTest.writeMix(pg, 10, seed++);
                }
            });
            Random random = new Random(7);
            int snapshotRowsAfterFirstKill = -1;
            for (int round = 0; round < 4; round++) {
                ChildJvm.killAfter(startChild(pg, settings), round == 0 ? 100 : 2_000 + random.nextInt(4_000));
                if (round == 0) {
                    snapshotRowsAfterFirstKill = ChangeReplay.of(kafka, topic).reads;
                }
            }
            Process drain = startChild(pg, settings);
            try {
                // the writer goes on until changes stream (not only land in a snapshot), then stops
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(ChangeReplay.of(kafka, topic).updates).isGreaterThan(100));
                writing.set(false);
                writer.get();
                var expected = pg.versions("orders", "id");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(ChangeReplay.of(kafka, topic).finalVersions).isEqualTo(expected));
            } finally {
                drain.destroyForcibly();
                drain.waitFor(30, TimeUnit.SECONDS);
            }
            ChangeReplay replay = ChangeReplay.of(kafka, topic);
            assertThat(replay.problems).as("no change lost or published twice across kills").isEmpty();
            assertThat(replay.reads).as("one whole snapshot (the writer may have added rows before it)").isGreaterThanOrEqualTo(20_000);
            assertThat(snapshotRowsAfterFirstKill).as("a snapshot is published whole or not at all").isIn(0, replay.reads);
            assertThat(replay.updates).isGreaterThan(0);
            assertThat(replay.deletes).isGreaterThan(0);
        }
    }

    private Process startChild(CapturePg pg, CaptureSettings settings) throws Exception {
        return ChildJvm.start(CaptureChild.class, Map.of("CAPTURE_CHILD_PASSWORD", pg.db.password()), kafka.bootstrapServers(),
                pg.db.jdbcUrl(), pg.db.user(), pg.table("orders").toString(), settings.slotName(),
                settings.publicationName(), settings.topicPrefix());
    }
}
