package dev.flowdeck.engine.topology;

/**
 * An undirected link of a topology graph. Identity equality on purpose: it is the JGraphT edge object, shared by the
 * flat and the hybrid graph, and {@link #index()} addresses the per-link arrays of a {@link DeliveryResult}.
 */
public final class Link {
    private final int index;
    private final int a;
    private final int b;
    private final LinkKind kind;
    private final double latencyMs;
    private final double bandwidthMbps;

    Link(int index, int a, int b, LinkKind kind, double latencyMs, double bandwidthMbps) {
        this.index = index;
        this.a = a;
        this.b = b;
        this.kind = kind;
        this.latencyMs = latencyMs;
        this.bandwidthMbps = bandwidthMbps;
    }

    public int index() {
        return index;
    }

    /** One end (the lower node id for every kind but ACCESS and DIRECT, where it is the client). */
    public int a() {
        return a;
    }

    public int b() {
        return b;
    }

    public int other(int node) {
        return node == a ? b : a;
    }

    public LinkKind kind() {
        return kind;
    }

    /** One-way propagation delay. */
    public double latencyMs() {
        return latencyMs;
    }

    public double bandwidthMbps() {
        return bandwidthMbps;
    }

    @Override
    public String toString() {
        return kind + "(" + a + "-" + b + ", " + Math.round(latencyMs * 10) / 10.0 + " ms)";
    }
}
