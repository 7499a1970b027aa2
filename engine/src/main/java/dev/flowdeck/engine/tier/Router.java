package dev.flowdeck.engine.tier;

/**
 * Decides which tier serves a request, by the live {@link RouterSettings}:
 * <ul>
 *   <li>edge-only / cloud-only: every request goes to that tier, out or not (an out tier fails it at once);</li>
 *   <li>hybrid: a request is served where it came in, edge first: an edge request spills to the cloud while more
 *       than {@code spillThreshold} jobs wait at the edge; while the cloud is out everything goes to the edge, and
 *       while the edge is out everything goes to the cloud.</li>
 * </ul>
 * Runs on the event loop, so the queue length it reads is the model's at that instant.
 */
public final class Router {
    private final Tier edge;
    private final Tier cloud;
    private final RouterSettings settings;
    private long toEdge;
    private long toCloud;
    private long spilled;
    private long diverted;
    private volatile RouterCounts counts = new RouterCounts(0, 0, 0, 0);

    /**
     * Routed requests: how many went to each tier, how many edge requests spilled to the cloud because the edge queue
     * was past the threshold, and how many went to the other tier because theirs was out.
     */
    public record RouterCounts(long toEdge, long toCloud, long spilled, long diverted) {
    }

    Router(Tier edge, Tier cloud, RouterSettings settings, EventLoop loop) {
        this.edge = edge;
        this.cloud = cloud;
        this.settings = settings;
        loop.onPublish(() -> counts = new RouterCounts(toEdge, toCloud, spilled, diverted));
    }

    public RouterSettings settings() {
        return settings;
    }

    /** Any thread: the counts as last published by the loop. */
    public RouterCounts counts() {
        return counts;
    }

    /** Loop thread: picks the tier and hands the job to it. */
    void route(Job job) {
        Tier target = choose(job.origin());
        if (target == edge) {
            toEdge++;
        } else {
            toCloud++;
        }
        target.accept(job);
    }

    private Tier choose(TierRole origin) {
        return switch (settings.policy()) {
            case EDGE_ONLY -> edge;
            case CLOUD_ONLY -> cloud;
            case HYBRID -> hybrid(origin == null ? TierRole.EDGE : origin);
        };
    }

    private Tier hybrid(TierRole origin) {
        boolean edgeOut = edge.settings().outage();
        boolean cloudOut = cloud.settings().outage();
        if (edgeOut != cloudOut) {
            Tier up = edgeOut ? cloud : edge;
            if ((origin == TierRole.EDGE) != (up == edge)) {
                diverted++;
            }
            return up;
        }
        if (origin == TierRole.CLOUD) {
            return cloud;
        }
        if (edge.queued() > settings.spillThreshold()) {
            spilled++;
            return cloud;
        }
        return edge;
    }
}
