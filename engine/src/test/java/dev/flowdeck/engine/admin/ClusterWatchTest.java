package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cluster watch reads fast only while there is something to watch. */
class ClusterWatchTest {
    private static final long FAST_MS = 50;

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static ClusterState cluster(int brokers, boolean allInSync) {
        List<ClusterState.Broker> nodes = java.util.stream.IntStream.rangeClosed(1, brokers)
                .mapToObj(id -> new ClusterState.Broker(id, "127.0.0.1", 9000 + id, "", id == 1, true)).toList();
        List<Integer> replicas = nodes.stream().map(ClusterState.Broker::id).toList();
        List<Integer> isr = allInSync ? replicas : replicas.subList(0, 1);
        return new ClusterState("c", 1, nodes, List.of(new ClusterState.Partition("db_live_events", 0, 1, replicas, isr)), 0);
    }

    @Test
    void aSingleHealthyBrokerIsReadSlowlyAnythingElseAtTheFastCadence() {
        ClusterState one = cluster(1, true);
        assertThat(ClusterWatch.pauseAfter(one, one.problem("db_live_events").orElse(""), FAST_MS)).isEqualTo(ClusterWatch.QUIET_MS);
        ClusterState three = cluster(3, true);
        assertThat(ClusterWatch.pauseAfter(three, three.problem("db_live_events").orElse(""), FAST_MS))
                .as("a failover can begin at any moment on a cluster").isEqualTo(FAST_MS);
        ClusterState failingOver = cluster(3, false);
        String problem = failingOver.problem("db_live_events").orElseThrow();
        assertThat(problem).contains("under-replicated");
        assertThat(ClusterWatch.pauseAfter(failingOver, problem, FAST_MS)).isEqualTo(FAST_MS);
        assertThat(ClusterWatch.pauseAfter(one, "leader of db_live_events-0 moving", FAST_MS))
                .as("a single broker with a problem is watched closely too").isEqualTo(FAST_MS);
        assertThat(ClusterWatch.pauseAfter(null, "", FAST_MS)).as("no answer").isEqualTo(FAST_MS);
    }

    @Test
    void onTheOneEmbeddedBrokerTheWatchReadsOnceAndThenStaysQuiet() throws Exception {
        ClusterWatch watch = new ClusterWatch(KafkaSettings.of(broker.bootstrapServers()), "db_live_events", FAST_MS);
        watch.start();
        try {
            assertThat(watch.awaitState(StageState.RUNNING, Duration.ofSeconds(20))).isTrue();
            assertThat(watch.status().message()).isEqualTo("1 broker up, every partition led and in sync");
            assertThat(watch.latest()).hasValueSatisfying(s -> assertThat(s.brokers()).hasSize(1));
            long first = watch.reads();
            // At the fast cadence this would be about 40 more readings.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> watch.reads() == first);
        } finally {
            watch.stop();
        }
        assertThat(watch.isAlive()).isFalse();
    }
}
