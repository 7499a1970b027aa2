package dev.flowdeck.app.bench;

/** What bench-ui measured; printed as one JSON object by the command. */
public record BenchResult(double fps, double longestPulseMs, double longestGapMs, long heapMbStart, long heapMbEnd, double eventsPerS,
                          long frames, double seconds, double windowVisibleMs, double pipelineRunningMs, String note) {
}
