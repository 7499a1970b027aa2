package dev.flowdeck.engine.topology;

/**
 * Everything that shapes a pair of topologies and the requests made over them. One parameter set builds both the
 * flat CDN graph and the hybrid graph (the flat one plus {@code peersPerClient} peer links per client). What may change
 * between two runs of the same topology (peer upload, churn, failed nodes) is in {@link RunSettings}.
 *
 * @param seed                every random draw derives from it
 * @param regions             regions, each with its own edge servers and clients
 * @param edgesPerRegion      CDN edge servers per region
 * @param clients             clients in all (spread evenly over the regions)
 * @param peersPerClient      peer links each client opens to other clients of its region (hybrid only)
 * @param catalogueItems      distinct content items (equal-sized segments)
 * @param zipfExponent        popularity skew: 0 = uniform, ~1 = typical web/video content
 * @param segmentMb           size of one item in megabytes
 * @param requestsPerClient   requests each client makes during the run
 * @param durationSec         simulated time; requests arrive uniformly over it
 * @param edgeCacheShare      share of the catalogue (most popular first) each edge server holds
 * @param clientCacheItems    items each client already holds at the start (drawn by popularity); it keeps what it fetches
 * @param edgeCapacityMbps    upload capacity of each edge server
 * @param originCapacityMbps  upload capacity of the origin
 * @param streamMbps          rate of one CDN transfer: a server serves capacity/stream transfers at once, then queues
 * @param windowSec           a peer's upload budget is counted per window of this length
 * @param sessionSec          mean time between a peer's joins and leaves (churn redraws its state per session)
 */
public record TopologySettings(long seed, int regions, int edgesPerRegion, int clients, int peersPerClient,
                               int catalogueItems, double zipfExponent, double segmentMb, int requestsPerClient,
                               double durationSec, double edgeCacheShare, int clientCacheItems,
                               double edgeCapacityMbps, double originCapacityMbps, double streamMbps,
                               double windowSec, double sessionSec) {
    public static final int MAX_CLIENTS = 200_000;

    public TopologySettings {
        range("regions", regions, 1, 8);
        range("edge servers per region", edgesPerRegion, 1, 16);
        range("clients", clients, 1, MAX_CLIENTS);
        range("peers per client", peersPerClient, 0, 64);
        range("catalogue items", catalogueItems, 1, 1_000_000);
        range("zipf exponent", zipfExponent, 0, 3);
        range("segment size (MB)", segmentMb, 0.001, 10_000);
        range("requests per client", requestsPerClient, 0, 10_000);
        range("duration (s)", durationSec, 1, 86_400);
        range("edge cache share", edgeCacheShare, 0, 1);
        range("client cache items", clientCacheItems, 0, 100_000);
        range("edge capacity (Mbps)", edgeCapacityMbps, 0.001, 1e7);
        range("origin capacity (Mbps)", originCapacityMbps, 0.001, 1e7);
        range("stream rate (Mbps)", streamMbps, 0.001, 1e5);
        range("window (s)", windowSec, 0.1, durationSec);
        range("session (s)", sessionSec, 0.1, 1e7);
        if ((long) clients * requestsPerClient > 20_000_000L) {
            throw new IllegalArgumentException("clients × requests per client must stay under 20,000,000 (was "
                    + (long) clients * requestsPerClient + "): lower one of them");
        }
    }

    /** The defaults the headless command and the console start from. */
    public static TopologySettings defaults() {
        return new TopologySettings(7, 4, 3, 500, 3, 400, 1.0, 2, 8, 300, 0.3, 60, 400, 1000, 8, 20, 60);
    }

    /** Nodes in the graph: the origin, the edge servers, the clients. */
    public int nodeCount() {
        return 1 + regions * edgesPerRegion + clients;
    }

    /** Each client's average demand in Mbps: peers uploading at least this much are in "surplus mode". */
    public double demandMbpsPerClient() {
        return requestsPerClient * segmentMb * 8 / durationSec;
    }

    /** The settings that decide the layout (node positions do not move when peers, caches or requests change). */
    public LayoutKey layoutKey() {
        return new LayoutKey(seed, regions, edgesPerRegion, clients);
    }

    public record LayoutKey(long seed, int regions, int edgesPerRegion, int clients) {
    }

    public TopologySettings withSeed(long v) {
        return new TopologySettings(v, regions, edgesPerRegion, clients, peersPerClient, catalogueItems, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withRegions(int v) {
        return new TopologySettings(seed, v, edgesPerRegion, clients, peersPerClient, catalogueItems, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withEdgesPerRegion(int v) {
        return new TopologySettings(seed, regions, v, clients, peersPerClient, catalogueItems, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withClients(int v) {
        return new TopologySettings(seed, regions, edgesPerRegion, v, peersPerClient, catalogueItems, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withPeersPerClient(int v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, v, catalogueItems, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withCatalogueItems(int v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, v, zipfExponent,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withZipfExponent(double v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems, v,
                segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withRequestsPerClient(int v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems,
                zipfExponent, segmentMb, v, durationSec, edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withEdgeCacheShare(double v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems,
                zipfExponent, segmentMb, requestsPerClient, durationSec, v, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withClientCacheItems(int v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems,
                zipfExponent, segmentMb, requestsPerClient, durationSec, edgeCacheShare, v, edgeCapacityMbps,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withEdgeCapacityMbps(double v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems,
                zipfExponent, segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems, v,
                originCapacityMbps, streamMbps, windowSec, sessionSec);
    }

    public TopologySettings withOriginCapacityMbps(double v) {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogueItems,
                zipfExponent, segmentMb, requestsPerClient, durationSec, edgeCacheShare, clientCacheItems,
                edgeCapacityMbps, v, streamMbps, windowSec, sessionSec);
    }

    static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + fmt(min) + " and " + fmt(max) + " (was " + fmt(value) + ")");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
