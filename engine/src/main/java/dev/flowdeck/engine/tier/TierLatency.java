package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.metrics.LatencyRecorder;

/** A tier's latency (completed jobs) and its parts: queueing + service + network = latency, for each job. */
public record TierLatency(LatencyRecorder.Summary latency, LatencyRecorder.Summary queueing,
                          LatencyRecorder.Summary service, LatencyRecorder.Summary network) {
    public static final TierLatency EMPTY = new TierLatency(LatencyRecorder.Summary.EMPTY, LatencyRecorder.Summary.EMPTY,
            LatencyRecorder.Summary.EMPTY, LatencyRecorder.Summary.EMPTY);
}
