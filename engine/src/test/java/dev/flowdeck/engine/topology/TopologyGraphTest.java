package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TopologyGraphTest {
    private static final TopologySettings SMALL = TopologySettings.defaults().withClients(240);

    @Test
    void hybridGraphIsTheFlatGraphPlusPeerLinksAndNothingElse() {
        Topology t = Topology.generate(SMALL);
        Graph<Integer, Link> flat = t.flat();
        Graph<Integer, Link> hybrid = t.hybrid();

        assertThat(hybrid.vertexSet()).isEqualTo(flat.vertexSet());
        assertThat(flat.edgeSet()).noneMatch(l -> l.kind() == LinkKind.PEER);
        for (Link l : flat.edgeSet()) {
            assertThat(hybrid.containsEdge(l)).as("flat link %s in hybrid", l).isTrue();
            assertThat(hybrid.getEdgeWeight(l)).isEqualTo(flat.getEdgeWeight(l)).isEqualTo(l.latencyMs());
            assertThat(hybrid.getEdgeSource(l) + hybrid.getEdgeTarget(l)).isEqualTo(l.a() + l.b());
        }
        Set<Link> extra = new HashSet<>(hybrid.edgeSet());
        extra.removeAll(flat.edgeSet());
        assertThat(extra).isNotEmpty().allMatch(l -> l.kind() == LinkKind.PEER
                && t.role(l.a()) == Role.CLIENT && t.role(l.b()) == Role.CLIENT && t.region(l.a()) == t.region(l.b()));
        assertThat(hybrid.edgeSet()).hasSize(t.links().size());
        assertThat(flat.edgeSet()).hasSize(t.flatLinkCount());
    }

    @Test
    void eachClientHasTheRequestedPeerLinksAtLeastAndAccessToEveryEdgeOfItsRegion() {
        Topology t = Topology.generate(SMALL);
        for (int k = 0; k < t.clientCount(); k++) {
            int c = t.firstClient() + k;
            assertThat(t.peerNeighbours(c).length).isGreaterThanOrEqualTo(SMALL.peersPerClient());
            assertThat(t.accessLinks(c)).hasSize(SMALL.edgesPerRegion());
            for (int id : t.accessLinks(c)) {
                int edge = t.links().get(id).other(c);
                assertThat(t.role(edge)).isEqualTo(Role.EDGE);
                assertThat(t.region(edge)).isEqualTo(t.region(c));
            }
        }
    }

    @Test
    void peerLinksNeverLengthenAnyClientsShortestPathToAnySource() {
        Topology t = Topology.generate(SMALL);
        DijkstraShortestPath<Integer, Link> flat = new DijkstraShortestPath<>(t.flat());
        DijkstraShortestPath<Integer, Link> hybrid = new DijkstraShortestPath<>(t.hybrid());
        int shorter = 0;
        // Every node can be a source (servers always, clients as peers): check every (source, client) pair.
        for (int source = 0; source < t.nodeCount(); source++) {
            SingleSourcePaths<Integer, Link> fromFlat = flat.getPaths(source);
            SingleSourcePaths<Integer, Link> fromHybrid = hybrid.getPaths(source);
            for (int k = 0; k < t.clientCount(); k++) {
                int c = t.firstClient() + k;
                double f = fromFlat.getWeight(c);
                double h = fromHybrid.getWeight(c);
                assertThat(h).as("client %d to source %d", c, source).isLessThanOrEqualTo(f);
                if (h < f) {
                    shorter++;
                }
            }
        }
        assertThat(shorter).as("peer links do shorten some paths").isPositive();
    }

    @Test
    void cdnRoutesAreTheFlatGraphsShortestPathsAlsoWithFailedNodes() {
        Topology t = Topology.generate(SMALL);
        for (Set<Integer> failed : java.util.List.of(Set.<Integer>of(), Set.of(1), Set.of(1, 2, 3), Set.of(Topology.ORIGIN), Set.of(0, 4))) {
            RunSettings run = RunSettings.defaults().withFailed(failed);
            CdnRoutes routes = CdnRoutes.compute(t, run);
            Graph<Integer, Link> up = new org.jgrapht.graph.AsSubgraph<>(t.flat(), without(t, failed));
            DijkstraShortestPath<Integer, Link> dijkstra = new DijkstraShortestPath<>(up);
            for (int s = 0; s < t.serverCount(); s++) {
                if (failed.contains(s)) {
                    continue;
                }
                SingleSourcePaths<Integer, Link> paths = dijkstra.getPaths(s);
                for (int k = 0; k < t.clientCount(); k++) {
                    int c = t.firstClient() + k;
                    double expected = paths.getWeight(c);
                    double actual = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < routes.reachable(c); i++) {
                        if (routes.server(c, i) == s) {
                            actual = routes.latencyMs(c, i);
                        }
                    }
                    assertThat(actual).as("client %d to server %d with %s down", c, s, failed).isCloseTo(expected, within(1e-9));
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameGraphsAndLayout() {
        Topology a = Topology.generate(SMALL);
        Topology b = Topology.generate(SMALL);
        assertThat(b.links()).hasSameSizeAs(a.links());
        for (int i = 0; i < a.links().size(); i++) {
            Link x = a.links().get(i);
            Link y = b.links().get(i);
            assertThat(new Object[] {y.a(), y.b(), y.kind(), y.latencyMs(), y.bandwidthMbps()})
                    .containsExactly(x.a(), x.b(), x.kind(), x.latencyMs(), x.bandwidthMbps());
        }
        assertThat(TopologyLayout.compute(a).samePositionsAs(TopologyLayout.compute(b))).isTrue();

        Topology other = Topology.generate(SMALL.withSeed(8));
        assertThat(TopologyLayout.compute(other).samePositionsAs(TopologyLayout.compute(a))).isFalse();
    }

    @Test
    void theLayoutDependsOnTheFlatStructureOnly() {
        TopologyLayout base = TopologyLayout.compute(Topology.generate(SMALL));
        TopologyLayout morePeers = TopologyLayout.compute(Topology.generate(SMALL.withPeersPerClient(8).withZipfExponent(0.5)));
        assertThat(morePeers.samePositionsAs(base)).isTrue();
        for (int v = 0; v < base.size(); v++) {
            assertThat(base.x(v)).isBetween(0.0, TopologyLayout.SIZE);
            assertThat(base.y(v)).isBetween(0.0, TopologyLayout.SIZE);
        }
    }

    @Test
    void morePeersPerClientKeepEveryLinkAndAddSome() {
        Topology three = Topology.generate(SMALL);
        Topology five = Topology.generate(SMALL.withPeersPerClient(5));
        Set<Long> pairsOfFive = new HashSet<>();
        for (Link l : five.links()) {
            if (l.kind() == LinkKind.PEER) {
                pairsOfFive.add(((long) l.a() << 32) | l.b());
            }
        }
        long peerLinksOfThree = 0;
        for (Link l : three.links()) {
            if (l.kind() == LinkKind.PEER) {
                peerLinksOfThree++;
                assertThat(pairsOfFive).contains(((long) l.a() << 32) | l.b());
            }
        }
        assertThat((long) pairsOfFive.size()).isGreaterThan(peerLinksOfThree);
    }

    @Test
    void nodeIdsRoundTrip() {
        Topology t = Topology.generate(SMALL);
        for (int v = 0; v < t.nodeCount(); v++) {
            assertThat(t.nodeOf(t.nodeId(v))).contains(v);
        }
        assertThat(t.nodeOf("EDGE-0")).contains(1);
        assertThat(t.nodeOf("edge-12")).isEmpty();
        assertThat(t.nodeOf("client-240")).isEmpty();
        assertThat(t.nodeOf("router")).isEmpty();
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> SMALL.withClients(0)).hasMessageContaining("clients must be between 1");
        assertThatThrownBy(() -> SMALL.withZipfExponent(-1)).hasMessageContaining("zipf exponent");
        assertThatThrownBy(() -> RunSettings.defaults().withChurn(1.5)).hasMessageContaining("churn must be between 0 and 1 (was 1.5)");
        assertThatThrownBy(() -> RunSettings.defaults().withPeerUploadMbps(-1)).hasMessageContaining("peer upload");
    }

    private static Set<Integer> without(Topology t, Set<Integer> failed) {
        Set<Integer> up = new HashSet<>();
        for (int v = 0; v < t.nodeCount(); v++) {
            if (!failed.contains(v)) {
                up.add(v);
            }
        }
        return up;
    }
}
