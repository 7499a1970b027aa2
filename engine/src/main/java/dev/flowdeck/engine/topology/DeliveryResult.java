package dev.flowdeck.engine.topology;

/**
 * One run over one topology: the summary and what each node, link and request did. The arrays are the caller's to
 * read, not to change.
 */
public final class DeliveryResult {
    /** {@link #source(int)} of a request that no source could serve. */
    public static final int FAILED = -1;
    /** {@link #source(int)} of a request not made because its client is down. */
    public static final int NOT_MADE = -2;

    private final boolean hybrid;
    private final DeliveryMetrics metrics;
    private final long[] nodeServed;
    private final double[] nodeLoad;
    private final double[] clientLatencyMs;
    private final double[] linkBytes;
    private final double[] linkUtilisation;
    private final int[] source;
    private final float[] latencyMs;

    DeliveryResult(boolean hybrid, DeliveryMetrics metrics, long[] nodeServed, double[] nodeLoad, double[] clientLatencyMs,
                   double[] linkBytes, double[] linkUtilisation, int[] source, float[] latencyMs) {
        this.hybrid = hybrid;
        this.metrics = metrics;
        this.nodeServed = nodeServed;
        this.nodeLoad = nodeLoad;
        this.clientLatencyMs = clientLatencyMs;
        this.linkBytes = linkBytes;
        this.linkUtilisation = linkUtilisation;
        this.source = source;
        this.latencyMs = latencyMs;
    }

    public boolean hybrid() {
        return hybrid;
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    /** Requests the node served. */
    public long served(int node) {
        return nodeServed[node];
    }

    /** Served Mbit / (upload capacity × duration): 0 idle, 1 busy all the time (queues can push a server past 1). */
    public double load(int node) {
        return nodeLoad[node];
    }

    /** Mean time to first byte of the requests this client made and got; NaN for servers and for clients with none. */
    public double clientLatencyMs(int node) {
        return clientLatencyMs[node];
    }

    public double linkBytes(int link) {
        return linkBytes[link];
    }

    /** Mbit carried / (bandwidth × duration). */
    public double linkUtilisation(int link) {
        return linkUtilisation[link];
    }

    /** The node that served request r (in arrival order), or {@link #FAILED} / {@link #NOT_MADE}. */
    public int source(int request) {
        return source[request];
    }

    public float latencyMs(int request) {
        return latencyMs[request];
    }

    public int requestCount() {
        return source.length;
    }

    /** Whether both runs did exactly the same thing everywhere (all numbers equal bit for bit). */
    public boolean sameOutcomeAs(DeliveryResult other) {
        return metrics.equals(other.metrics) && java.util.Arrays.equals(nodeServed, other.nodeServed)
                && java.util.Arrays.equals(nodeLoad, other.nodeLoad)
                && java.util.Arrays.equals(clientLatencyMs, other.clientLatencyMs)
                && java.util.Arrays.equals(source, other.source) && java.util.Arrays.equals(latencyMs, other.latencyMs)
                && java.util.Arrays.equals(linkBytes, other.linkBytes);
    }
}
