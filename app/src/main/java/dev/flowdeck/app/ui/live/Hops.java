package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.metrics.LatencyRecorder;

/** Latency of each hop over the recent window, in ms: insert → capture, capture → read, insert → read. */
public record Hops(LatencyRecorder.Summary capture, LatencyRecorder.Summary kafka, LatencyRecorder.Summary endToEnd) {
    public static final Hops EMPTY = new Hops(LatencyRecorder.Summary.EMPTY, LatencyRecorder.Summary.EMPTY,
            LatencyRecorder.Summary.EMPTY);
}
