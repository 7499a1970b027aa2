package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.AsGraphUnion;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.flowdeck.engine.topology.RandomStreams.unit;

/**
 * Draws a {@link Topology}. Latency ranges are typical one-way figures: a few ms inside a metro between neighbours,
 * 4–25 ms from a home to a CDN point of presence, 20–85 ms from a region to the origin.
 */
final class TopologyGenerator {
    private final TopologySettings s;
    private final long seed;
    private final int servers;
    private final int firstClient;
    private final List<Link> links = new ArrayList<>();

    TopologyGenerator(TopologySettings settings) {
        this.s = settings;
        this.seed = settings.seed();
        this.servers = 1 + settings.regions() * settings.edgesPerRegion();
        this.firstClient = servers;
    }

    Topology generate() {
        int n = s.nodeCount();
        Graph<Integer, Link> flat = newGraph();
        for (int v = 0; v < n; v++) {
            flat.addVertex(v);
        }
        double[] regionDistance = new double[s.regions()];
        for (int r = 0; r < s.regions(); r++) {
            regionDistance[r] = 20 + 60 * unit(seed, RandomStreams.REGION, r, 0);
        }
        addBackbone(flat, regionDistance);
        int[][] access = new int[s.clients()][];
        int[] direct = new int[s.clients()];
        int[] home = new int[s.clients()];
        addClients(flat, regionDistance, access, direct, home);
        int flatLinks = links.size();

        // The hybrid graph is literally the flat graph plus the peer links: a JGraphT union view, nothing copied.
        Graph<Integer, Link> peerGraph = newGraph();
        for (int k = 0; k < s.clients(); k++) {
            peerGraph.addVertex(firstClient + k);
        }
        List<List<Link>> peerLinksOf = addPeers(peerGraph);
        Graph<Integer, Link> hybrid = new AsGraphUnion<>(flat, peerGraph);
        int[][] neighbours = new int[s.clients()][];
        int[][] neighbourLinks = new int[s.clients()][];
        sortNeighbours(peerLinksOf, neighbours, neighbourLinks);

        ZipfPopularity popularity = new ZipfPopularity(s.catalogueItems(), s.zipfExponent());
        BitSet[] caches = clientCaches(popularity);
        int edgeCacheItems = (int) Math.round(s.edgeCacheShare() * s.catalogueItems());
        RequestStream requests = RequestStream.generate(s, popularity, firstClient);
        PeerPresence presence = PeerPresence.generate(s);
        return new Topology(s, unmodifiable(flat), hybrid, List.copyOf(links), flatLinks, access, direct, home,
                neighbours, neighbourLinks, caches, edgeCacheItems, requests, presence);
    }

    /** A simple weighted graph without JGraphT's fast-lookup index: half the insert cost, and lookups are rare. */
    private static Graph<Integer, Link> newGraph() {
        return new LinkGraph();
    }

    private static final class LinkGraph extends AbstractBaseGraph<Integer, Link> {
        LinkGraph() {
            super(null, null, DefaultGraphType.simple().asWeighted(), new DefaultGraphSpecificsStrategy<>());
        }
    }

    private static Graph<Integer, Link> unmodifiable(Graph<Integer, Link> g) {
        return new AsUnmodifiableGraph<>(g);
    }

    private Link link(Graph<Integer, Link> g, int a, int b, LinkKind kind, double latency, double bandwidth) {
        Link l = new Link(links.size(), a, b, kind, latency, bandwidth);
        links.add(l);
        add(g, l);
        return l;
    }

    private static void add(Graph<Integer, Link> g, Link l) {
        if (!g.addEdge(l.a(), l.b(), l)) {
            throw new IllegalStateException("duplicate link " + l);
        }
        g.setEdgeWeight(l, l.latencyMs());
    }

    private int edge(int region, int i) {
        return 1 + region * s.edgesPerRegion() + i;
    }

    private void addBackbone(Graph<Integer, Link> g, double[] regionDistance) {
        int perRegion = s.edgesPerRegion();
        for (int r = 0; r < s.regions(); r++) {
            for (int i = 0; i < perRegion; i++) {
                int e = edge(r, i);
                link(g, Topology.ORIGIN, e, LinkKind.BACKBONE, regionDistance[r] + 5 * unit(seed, RandomStreams.EDGE, e, 0), 10_000);
            }
            for (int i = 0; i < perRegion; i++) {
                for (int j = i + 1; j < perRegion; j++) {
                    int a = edge(r, i);
                    int b = edge(r, j);
                    link(g, a, b, LinkKind.EDGE_MESH, 1 + 2 * unit(seed, RandomStreams.EDGE, a, b), 10_000);
                }
            }
        }
        // A ring between the regions' first edge servers (one link when there are just two regions).
        int ringLinks = s.regions() > 2 ? s.regions() : s.regions() - 1;
        for (int r = 0; r < ringLinks; r++) {
            int a = edge(r, 0);
            int b = edge((r + 1) % s.regions(), 0);
            link(g, Math.min(a, b), Math.max(a, b), LinkKind.EDGE_MESH, 15 + 25 * unit(seed, RandomStreams.EDGE, a, b), 10_000);
        }
    }

    private void addClients(Graph<Integer, Link> g, double[] regionDistance, int[][] access, int[] direct, int[] home) {
        int perRegion = s.edgesPerRegion();
        for (int k = 0; k < s.clients(); k++) {
            int c = firstClient + k;
            int r = k % s.regions();
            access[k] = new int[perRegion];
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < perRegion; i++) {
                int e = edge(r, i);
                double latency = 4 + 21 * unit(seed, RandomStreams.ACCESS, c, e);
                double bandwidth = 20 + 180 * unit(seed, RandomStreams.ACCESS, e, c);
                access[k][i] = link(g, c, e, LinkKind.ACCESS, latency, bandwidth).index();
                if (latency < nearest) {
                    nearest = latency;
                    home[k] = e;
                }
            }
            // Straight to the origin over the Internet: always slower than through an edge of the region (which is
            // at most nearest + regionDistance + 5 ms), so it only carries traffic when the region's edges are down.
            double latency = 1.3 * (nearest + regionDistance[r]) + 5 + 15 * unit(seed, RandomStreams.DIRECT, c, 0);
            direct[k] = link(g, c, Topology.ORIGIN, LinkKind.DIRECT, latency, 50).index();
        }
    }

    /**
     * Each client opens links to {@code peersPerClient} other clients of its region, drawn from its own stream: with
     * more peers per client, every client keeps the links it had and gains some (the draws are a prefix).
     */
    private List<List<Link>> addPeers(Graph<Integer, Link> g) {
        List<List<Link>> of = new ArrayList<>(s.clients());
        for (int k = 0; k < s.clients(); k++) {
            of.add(new ArrayList<>());
        }
        if (s.peersPerClient() == 0) {
            return of;
        }
        int regions = s.regions();
        Set<Long> pairs = new HashSet<>();
        for (int k = 0; k < s.clients(); k++) {
            int r = k % regions;
            int regionSize = (s.clients() - r + regions - 1) / regions;
            int want = Math.min(s.peersPerClient(), regionSize - 1);
            SplittableRandom rng = RandomStreams.stream(seed, RandomStreams.PEERS, k);
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < want) {
                int other = r + regions * rng.nextInt(regionSize);
                if (other == k || !chosen.add(other)) {
                    continue;
                }
                int lo = Math.min(k, other);
                int hi = Math.max(k, other);
                if (pairs.add(((long) lo << 32) | hi)) {
                    int a = firstClient + lo;
                    int b = firstClient + hi;
                    Link l = link(g, a, b, LinkKind.PEER, 2 + 10 * unit(seed, RandomStreams.PEER_LINK, lo, hi),
                            10 + 90 * unit(seed, RandomStreams.PEER_LINK, hi, lo));
                    of.get(lo).add(l);
                    of.get(hi).add(l);
                }
            }
        }
        return of;
    }

    private void sortNeighbours(List<List<Link>> peerLinksOf, int[][] neighbours, int[][] neighbourLinks) {
        for (int k = 0; k < s.clients(); k++) {
            int c = firstClient + k;
            List<Link> mine = peerLinksOf.get(k);
            mine.sort((x, y) -> {
                int byLatency = Double.compare(x.latencyMs(), y.latencyMs());
                return byLatency != 0 ? byLatency : Integer.compare(x.other(c), y.other(c));
            });
            neighbours[k] = new int[mine.size()];
            neighbourLinks[k] = new int[mine.size()];
            for (int i = 0; i < mine.size(); i++) {
                neighbours[k][i] = mine.get(i).other(c);
                neighbourLinks[k][i] = mine.get(i).index();
            }
        }
    }

    private BitSet[] clientCaches(ZipfPopularity popularity) {
        BitSet[] caches = new BitSet[s.clients()];
        for (int k = 0; k < s.clients(); k++) {
            SplittableRandom rng = RandomStreams.stream(seed, RandomStreams.CACHE, k);
            BitSet cache = new BitSet(s.catalogueItems());
            for (int i = 0; i < s.clientCacheItems(); i++) {
                cache.set(popularity.sample(rng));
            }
            caches[k] = cache;
        }
        return caches;
    }
}
