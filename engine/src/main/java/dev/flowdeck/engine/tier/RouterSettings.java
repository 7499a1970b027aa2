package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;

/** The router's live settings; read at every routing decision. */
public final class RouterSettings {
    public static final RoutingPolicy POLICY = RoutingPolicy.HYBRID;
    public static final int SPILL_THRESHOLD = 16;

    private volatile RoutingPolicy policy = POLICY;
    private volatile int spillThreshold = SPILL_THRESHOLD;

    public RoutingPolicy policy() {
        return policy;
    }

    public RouterSettings policy(RoutingPolicy p) {
        if (p == null) {
            throw new SettingsException("routing policy must be edge-only, cloud-only or hybrid (got nothing)");
        }
        this.policy = p;
        return this;
    }

    /** Hybrid: an edge request goes to the cloud while this many or more jobs wait in the edge queue. */
    public int spillThreshold() {
        return spillThreshold;
    }

    public RouterSettings spillThreshold(int n) {
        if (n < 0 || n > TierSettings.MAX_QUEUE) {
            throw new SettingsException("spill threshold must be between 0 and " + TierSettings.MAX_QUEUE
                    + " waiting jobs (got " + n + ")");
        }
        this.spillThreshold = n;
        return this;
    }
}
