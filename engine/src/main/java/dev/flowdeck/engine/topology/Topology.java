package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A generated pair of delivery topologies over the same nodes: the flat CDN graph and the hybrid graph (the flat graph
 * plus peer links between clients, nothing else changed), with each node's role, region and cache contents, and the
 * request stream and peer presence both runs share. Immutable; build it with {@link #generate(TopologySettings)}.
 *
 * <p>Node ids: 0 is the origin, 1 .. regions×edgesPerRegion are the edge servers (region by region), then the clients.
 */
public final class Topology {
    static final List<String> REGION_NAMES = List.of("eu-west", "us-east", "ap-south", "sa-east", "us-west", "eu-north",
            "ap-east", "af-south");
    public static final int ORIGIN = 0;

    private final TopologySettings settings;
    private final Graph<Integer, Link> flat;
    private final Graph<Integer, Link> hybrid;
    private final List<Link> links;
    private final int flatLinkCount;
    private final int[][] accessLinks;
    private final int[] directLinks;
    private final int[] homeEdges;
    private final int[][] peerNeighbours;
    private final int[][] peerLinks;
    private final BitSet[] clientCaches;
    private final int edgeCacheItems;
    private final RequestStream requests;
    private final PeerPresence presence;

    Topology(TopologySettings settings, Graph<Integer, Link> flat, Graph<Integer, Link> hybrid, List<Link> links,
             int flatLinkCount, int[][] accessLinks, int[] directLinks, int[] homeEdges, int[][] peerNeighbours,
             int[][] peerLinks, BitSet[] clientCaches, int edgeCacheItems, RequestStream requests, PeerPresence presence) {
        this.settings = settings;
        this.flat = flat;
        this.hybrid = hybrid;
        this.links = links;
        this.flatLinkCount = flatLinkCount;
        this.accessLinks = accessLinks;
        this.directLinks = directLinks;
        this.homeEdges = homeEdges;
        this.peerNeighbours = peerNeighbours;
        this.peerLinks = peerLinks;
        this.clientCaches = clientCaches;
        this.edgeCacheItems = edgeCacheItems;
        this.requests = requests;
        this.presence = presence;
    }

    /** Builds both graphs, the caches, the request stream and the peers' presence from the settings' seed. */
    public static Topology generate(TopologySettings settings) {
        return new TopologyGenerator(settings).generate();
    }

    public TopologySettings settings() {
        return settings;
    }

    /** The flat CDN graph (JGraphT; edge weight = one-way latency in ms). Unmodifiable. */
    public Graph<Integer, Link> flat() {
        return flat;
    }

    /** The hybrid graph: every vertex and link of {@link #flat()} (the same objects) plus the PEER links. Unmodifiable. */
    public Graph<Integer, Link> hybrid() {
        return hybrid;
    }

    /** Every link, flat ones first, indexed by {@link Link#index()}. */
    public List<Link> links() {
        return links;
    }

    public int flatLinkCount() {
        return flatLinkCount;
    }

    public int nodeCount() {
        return settings.nodeCount();
    }

    /** The origin plus the edge servers: ids 0 .. serverCount-1. */
    public int serverCount() {
        return 1 + settings.regions() * settings.edgesPerRegion();
    }

    public int firstClient() {
        return serverCount();
    }

    public int clientCount() {
        return settings.clients();
    }

    public Role role(int node) {
        checkNode(node);
        return node == ORIGIN ? Role.ORIGIN : node < serverCount() ? Role.EDGE : Role.CLIENT;
    }

    /** The node's region index, -1 for the origin (it sits in the core, reachable from every region). */
    public int region(int node) {
        checkNode(node);
        if (node == ORIGIN) {
            return -1;
        }
        if (node < serverCount()) {
            return (node - 1) / settings.edgesPerRegion();
        }
        return (node - firstClient()) % settings.regions();
    }

    public String regionName(int region) {
        if (region < 0) {
            return "core";
        }
        return REGION_NAMES.get(region);
    }

    /** A stable, readable id: {@code origin}, {@code edge-3}, {@code client-17}. */
    public String nodeId(int node) {
        checkNode(node);
        if (node == ORIGIN) {
            return "origin";
        }
        return node < serverCount() ? "edge-" + (node - 1) : "client-" + (node - firstClient());
    }

    /** The node for an id as printed by {@link #nodeId(int)} (case-insensitive), or a plain node number. */
    public Optional<Integer> nodeOf(String id) {
        String s = id.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            int node;
            if (s.equals("origin")) {
                node = ORIGIN;
            } else if (s.startsWith("edge-")) {
                int e = Integer.parseInt(s.substring(5));
                node = e >= 0 && e < serverCount() - 1 ? e + 1 : -1;
            } else if (s.startsWith("client-")) {
                int c = Integer.parseInt(s.substring(7));
                node = c >= 0 && c < clientCount() ? firstClient() + c : -1;
            } else {
                node = Integer.parseInt(s);
            }
            return node >= 0 && node < nodeCount() ? Optional.of(node) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Upload capacity: the server's, or for a client the run's peer upload. */
    public double capacityMbps(int node, RunSettings run) {
        return switch (role(node)) {
            case ORIGIN -> settings.originCapacityMbps();
            case EDGE -> settings.edgeCapacityMbps();
            case CLIENT -> run.peerUploadMbps();
        };
    }

    /** Whether the node holds the item at the start of a run (clients also keep what they fetch during a run). */
    public boolean holdsAtStart(int node, int item) {
        return switch (role(node)) {
            case ORIGIN -> true;
            case EDGE -> item < edgeCacheItems;
            case CLIENT -> clientCaches[node - firstClient()].get(item);
        };
    }

    /** How many items the node holds at the start of a run. */
    public int cachedItems(int node) {
        return switch (role(node)) {
            case ORIGIN -> settings.catalogueItems();
            case EDGE -> edgeCacheItems;
            case CLIENT -> clientCaches[node - firstClient()].cardinality();
        };
    }

    /** Items 0 .. n-1 (the n most popular) are on every edge server. */
    public int edgeCacheItems() {
        return edgeCacheItems;
    }

    /** The edge server with the lowest access latency from this client. */
    public int homeEdge(int client) {
        return homeEdges[client - firstClient()];
    }

    /** The client's ACCESS link indices, one per edge server of its region. */
    int[] accessLinks(int client) {
        return accessLinks[client - firstClient()];
    }

    int directLink(int client) {
        return directLinks[client - firstClient()];
    }

    /** The client's overlay neighbours in the hybrid topology, nearest first (none when peersPerClient = 0). */
    public int[] peerNeighbours(int client) {
        return peerNeighbours[client - firstClient()].clone();
    }

    int[] peerNeighboursUnsafe(int client) {
        return peerNeighbours[client - firstClient()];
    }

    int[] peerLinksUnsafe(int client) {
        return peerLinks[client - firstClient()];
    }

    BitSet initialCache(int client) {
        return clientCaches[client - firstClient()];
    }

    RequestStream requests() {
        return requests;
    }

    PeerPresence presence() {
        return presence;
    }

    public int requestCount() {
        return requests.size();
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodeCount()) {
            throw new IllegalArgumentException("no node " + node + " (the topology has " + nodeCount() + ")");
        }
    }
}
