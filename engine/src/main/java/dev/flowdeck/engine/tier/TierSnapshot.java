package dev.flowdeck.engine.tier;

/**
 * What a console sampler or an endpoint shows of a tier: the counts as last published by the event loop, the latency
 * of the recent window (the last second when the pipeline's metrics sampler rolls it) and over the whole run.
 * Taking one reads a few volatile fields: it never waits for the event loop.
 */
public record TierSnapshot(TierCounts counts, TierLatency recent, TierLatency total) {
    public String tier() {
        return counts.tier();
    }
}
