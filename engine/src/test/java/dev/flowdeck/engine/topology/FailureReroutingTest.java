package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReroutingTest {
    private static final TopologySettings BASE = TopologySettings.defaults().withClients(300);

    @Test
    void failingAnEdgeServerReroutesItsClientsToAnotherSource() {
        Topology t = Topology.generate(BASE);
        int edge = 5;
        DeliveryComparison before = DeliverySimulation.compare(t, RunSettings.defaults());
        DeliveryComparison after = DeliverySimulation.compare(t, RunSettings.defaults().withFailed(Set.of(edge)));
        for (DeliveryResult[] pair : new DeliveryResult[][] {{before.flat(), after.flat()}, {before.hybrid(), after.hybrid()}}) {
            DeliveryResult b = pair[0];
            DeliveryResult a = pair[1];
            assertThat(b.served(edge)).isPositive();
            assertThat(a.served(edge)).isZero();
            assertThat(a.metrics().successRate()).isEqualTo(1.0);
            int rerouted = 0;
            for (int r = 0; r < a.requestCount(); r++) {
                if (b.source(r) == edge) {
                    assertThat(a.source(r)).as("request %d", r).isNotNegative().isNotEqualTo(edge);
                    rerouted++;
                }
            }
            assertThat(rerouted).isPositive();
        }
        // Its home clients now go further: their latency rises.
        double beforeSum = 0;
        double afterSum = 0;
        for (int k = 0; k < t.clientCount(); k++) {
            int c = t.firstClient() + k;
            if (t.homeEdge(c) == edge) {
                beforeSum += before.flat().clientLatencyMs(c);
                afterSum += after.flat().clientLatencyMs(c);
            }
        }
        assertThat(afterSum).isGreaterThan(beforeSum);
    }

    @Test
    void whenEveryEdgeOfARegionIsDownItsClientsFallBackToTheOrigin() {
        Topology t = Topology.generate(BASE);
        Set<Integer> region0 = Set.of(1, 2, 3);
        DeliveryComparison c = DeliverySimulation.compare(t, RunSettings.defaults().withFailed(region0));
        assertThat(c.flat().metrics().successRate()).isEqualTo(1.0);
        for (int r = 0; r < c.flat().requestCount(); r++) {
            int client = t.requests().client(r);
            if (t.region(client) == 0) {
                assertThat(c.flat().source(r)).isEqualTo(Topology.ORIGIN);
            }
        }
        assertThat(c.flat().linkBytes(t.directLink(t.firstClient()))).isPositive();
    }

    @Test
    void noRequestIsStrandedWhileAReachableSourceHoldsTheItem() {
        Topology t = Topology.generate(BASE);
        Random random = new Random(3);
        List<Integer> servers = new ArrayList<>();
        for (int s = 0; s < t.serverCount(); s++) {
            servers.add(s);
        }
        for (int round = 0; round < 25; round++) {
            java.util.Collections.shuffle(servers, random);
            Set<Integer> failed = new HashSet<>(servers.subList(0, random.nextInt(t.serverCount())));
            failed.add(t.firstClient() + random.nextInt(t.clientCount()));
            DeliveryComparison c = DeliverySimulation.compare(t, new RunSettings(10, 0.3, -1, failed));
            Set<Integer> up = new HashSet<>();
            for (int v = 0; v < t.nodeCount(); v++) {
                if (!failed.contains(v)) {
                    up.add(v);
                }
            }
            Graph<Integer, Link> alive = new AsSubgraph<>(t.flat(), up);
            ConnectivityInspector<Integer, Link> reach = new ConnectivityInspector<>(alive);
            for (DeliveryResult result : List.of(c.flat(), c.hybrid())) {
                for (int r = 0; r < result.requestCount(); r++) {
                    int client = t.requests().client(r);
                    if (failed.contains(client)) {
                        assertThat(result.source(r)).isEqualTo(DeliveryResult.NOT_MADE);
                        continue;
                    }
                    if (result.source(r) != DeliveryResult.FAILED) {
                        continue;
                    }
                    int item = t.requests().item(r);
                    for (int s = 0; s < t.serverCount(); s++) {
                        boolean source = up.contains(s) && t.holdsAtStart(s, item) && reach.pathExists(client, s);
                        assertThat(source).as("request %d failed although server %d is up, reachable and holds item %d (down: %s)",
                                r, s, item, failed).isFalse();
                    }
                }
            }
        }
    }
}
