package dev.flowdeck.engine.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverySimulationTest {
    private static final TopologySettings BASE = TopologySettings.defaults().withClients(400);
    private static final List<Double> CHURNS = List.of(0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0);
    private static final List<Double> UPLOADS = List.of(0.0, 0.3, 0.8, 1.0, 1.6, 2.4, 5.0, 10.0, 50.0);

    @Test
    void withoutPeerLinksTheHybridRunReplaysTheFlatRunExactly() {
        Topology t = Topology.generate(BASE.withPeersPerClient(0));
        for (RunSettings run : List.of(RunSettings.defaults(), RunSettings.defaults().withChurn(0.4),
                RunSettings.defaults().withFailed(Set.of(0, 1, 5)))) {
            DeliveryComparison c = DeliverySimulation.compare(t, run);
            assertThat(c.hybrid().metrics()).isEqualTo(c.flat().metrics());
            assertThat(c.hybrid().sameOutcomeAs(c.flat())).isTrue();
        }
    }

    @Test
    void peersThatUploadNothingLeaveTheHybridRunEqualToTheFlatRun() {
        Topology t = Topology.generate(BASE);
        // Zero upload, and an upload too small for one whole segment per window: both serve nothing.
        for (double upload : List.of(0.0, 0.5)) {
            for (RunSettings run : List.of(RunSettings.defaults().withPeerUploadMbps(upload),
                    RunSettings.defaults().withPeerUploadMbps(upload).withFailed(Set.of(0, 2, t.firstClient() + 3)))) {
                DeliveryComparison c = DeliverySimulation.compare(t, run);
                assertThat(c.hybrid().metrics()).as("upload %s", upload).isEqualTo(c.flat().metrics());
                assertThat(c.hybrid().sameOutcomeAs(c.flat())).isTrue();
            }
        }
        // ...while a working upload does change things, so the equality above is not vacuous.
        DeliveryComparison working = DeliverySimulation.compare(t, RunSettings.defaults());
        assertThat(working.hybrid().metrics()).isNotEqualTo(working.flat().metrics());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void offloadStaysInZeroToOneAndIsZeroForTheFlatTopology(long seed) {
        Topology t = Topology.generate(BASE.withSeed(seed));
        for (double churn : CHURNS) {
            for (double upload : UPLOADS) {
                DeliveryComparison c = DeliverySimulation.compare(t, new RunSettings(upload, churn, -1, Set.of()));
                assertThat(c.flat().metrics().offload()).isZero();
                assertThat(c.hybrid().metrics().offload()).isBetween(0.0, 1.0);
                assertThat(c.hybrid().metrics().originLoad()).isBetween(0.0, 1.0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void offloadNeverRisesAsChurnRises(long seed) {
        Topology t = Topology.generate(BASE.withSeed(seed));
        for (double upload : List.of(0.8, 2.4, 10.0)) {
            DeliveryResult previous = null;
            for (double churn : CHURNS) {
                DeliveryResult now = DeliverySimulation.run(t, new RunSettings(upload, churn, -1, Set.of()), true);
                if (previous != null) {
                    assertThat(now.metrics().offload()).as("upload %s churn %s", upload, churn)
                            .isLessThanOrEqualTo(previous.metrics().offload());
                    assertPeerServiceIsSubset(now, previous, t);
                }
                previous = now;
            }
            assertThat(previous.metrics().offload()).as("churn 1: every peer is away").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void offloadNeverFallsAsPeerUploadRises(long seed) {
        Topology t = Topology.generate(BASE.withSeed(seed));
        for (double churn : List.of(0.0, 0.3, 0.7)) {
            DeliveryResult previous = null;
            for (double upload : UPLOADS) {
                DeliveryResult now = DeliverySimulation.run(t, new RunSettings(upload, churn, -1, Set.of()), true);
                if (previous != null) {
                    assertThat(now.metrics().offload()).as("churn %s upload %s", churn, upload)
                            .isGreaterThanOrEqualTo(previous.metrics().offload());
                    assertPeerServiceIsSubset(previous, now, t);
                }
                previous = now;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2024})
    void inSurplusModeOffloadReachesThePublishedBand(long seed) {
        Topology t = Topology.generate(TopologySettings.defaults().withSeed(seed));
        TopologySettings s = t.settings();
        // The smallest upload that covers a client's demand in whole segments per window, and more.
        double minimal = Math.ceil(s.demandMbpsPerClient() * s.windowSec() / (s.segmentMb() * 8)) * s.segmentMb() * 8 / s.windowSec();
        for (double upload : List.of(minimal, 2 * minimal, 10.0, 100.0)) {
            assertThat(upload).isGreaterThanOrEqualTo(s.demandMbpsPerClient());
            DeliveryComparison c = DeliverySimulation.compare(t, RunSettings.defaults().withPeerUploadMbps(upload));
            assertThat(c.hybrid().metrics().offload()).as("seed %d upload %.2f Mbps", seed, upload).isGreaterThanOrEqualTo(0.70);
            assertThat(c.hybrid().metrics().originLoad()).isLessThan(c.flat().metrics().originLoad());
            assertThat(c.hybrid().metrics().latencyMeanMs()).isLessThan(c.flat().metrics().latencyMeanMs());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void hybridSucceedsAtLeastAsOftenAsFlatUnderAnyChurn(long seed) {
        Topology t = Topology.generate(BASE.withSeed(seed));
        // With the origin down, items not on the edges can only come from peers: flat fails some requests.
        List<Set<Integer>> failures = List.of(Set.of(), Set.of(Topology.ORIGIN), Set.of(Topology.ORIGIN, 1, 4, 7, 10));
        for (Set<Integer> failed : failures) {
            for (double churn : CHURNS) {
                DeliveryComparison c = DeliverySimulation.compare(t, new RunSettings(10, churn, -1, failed));
                assertThat(c.hybrid().metrics().successRate()).as("failed %s churn %s", failed, churn)
                        .isGreaterThanOrEqualTo(c.flat().metrics().successRate());
                assertThat(c.hybrid().metrics().requests()).isEqualTo(c.flat().metrics().requests());
                for (int r = 0; r < c.flat().requestCount(); r++) {
                    if (c.flat().source(r) >= 0) {
                        assertThat(c.hybrid().source(r)).as("request %d served in flat", r).isNotNegative();
                    }
                }
            }
            // All peers leave at once, half-way through.
            DeliveryComparison exodus = DeliverySimulation.compare(t, new RunSettings(10, 0, BASE.durationSec() / 2, failed));
            assertThat(exodus.hybrid().metrics().successRate()).isGreaterThanOrEqualTo(exodus.flat().metrics().successRate());
            for (int r = 0; r < exodus.hybrid().requestCount(); r++) {
                int source = exodus.hybrid().source(r);
                if (t.requests().time(r) >= BASE.durationSec() / 2 && source >= 0) {
                    assertThat(t.role(source)).as("after the exodus no peer serves").isNotEqualTo(Role.CLIENT);
                }
            }
        }
        DeliveryComparison originDown = DeliverySimulation.compare(t, new RunSettings(10, 0, -1, Set.of(Topology.ORIGIN)));
        assertThat(originDown.flat().metrics().successRate()).isLessThan(1.0);
        assertThat(originDown.hybrid().metrics().successRate()).isGreaterThan(originDown.flat().metrics().successRate());
    }

    @Test
    void theCdnKeepsTheSuccessRateWhenPeersComeAndGo() {
        Topology t = Topology.generate(BASE);
        for (double churn : CHURNS) {
            DeliveryComparison c = DeliverySimulation.compare(t, RunSettings.defaults().withChurn(churn));
            assertThat(c.flat().metrics().successRate()).isEqualTo(1.0);
            assertThat(c.hybrid().metrics().successRate()).isEqualTo(1.0);
        }
    }

    @Test
    void theSameSeedAndSettingsGiveIdenticalMetrics() {
        RunSettings run = new RunSettings(3, 0.25, -1, Set.of(2, 13 + 250));
        DeliveryComparison a = DeliverySimulation.compare(Topology.generate(BASE), run);
        DeliveryComparison b = DeliverySimulation.compare(Topology.generate(BASE), run);
        assertThat(b.flat().sameOutcomeAs(a.flat())).isTrue();
        assertThat(b.hybrid().sameOutcomeAs(a.hybrid())).isTrue();
        DeliveryComparison otherSeed = DeliverySimulation.compare(Topology.generate(BASE.withSeed(99)), run);
        assertThat(otherSeed.hybrid().metrics()).isNotEqualTo(a.hybrid().metrics());
    }

    @Test
    void loadAndCapacityMatter() {
        // A CDN too small for the demand queues requests: latency and the queued share rise, nothing fails.
        Topology small = Topology.generate(BASE.withEdgeCapacityMbps(16).withOriginCapacityMbps(16));
        DeliveryComparison c = DeliverySimulation.compare(small, RunSettings.defaults());
        DeliveryComparison roomy = DeliverySimulation.compare(Topology.generate(BASE), RunSettings.defaults());
        assertThat(c.flat().metrics().queuedShare()).isPositive();
        assertThat(c.flat().metrics().latencyMeanMs()).isGreaterThan(roomy.flat().metrics().latencyMeanMs());
        assertThat(c.flat().metrics().successRate()).isEqualTo(1.0);
        // Peers take load off the small CDN.
        assertThat(c.hybrid().metrics().queuedShare()).isLessThan(c.flat().metrics().queuedShare());
    }

    /** Every request a peer served in {@code fewer} was also served by a peer in {@code more}. */
    private static void assertPeerServiceIsSubset(DeliveryResult fewer, DeliveryResult more, Topology t) {
        for (int r = 0; r < fewer.requestCount(); r++) {
            int s = fewer.source(r);
            if (s >= 0 && t.role(s) == Role.CLIENT) {
                int m = more.source(r);
                assertThat(m >= 0 && t.role(m) == Role.CLIENT).as("request %d", r).isTrue();
            }
        }
    }
}
