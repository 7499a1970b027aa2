package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.metrics.LatencyRecorder;

import java.util.function.Function;

/**
 * The HdrHistogram recorders of one tier (microseconds). In the live pipeline they come from the pipeline's metrics,
 * whose sampler rolls them; standalone, {@link #roll()} does it.
 */
public record TierRecorders(LatencyRecorder latency, LatencyRecorder queueing, LatencyRecorder service, LatencyRecorder network) {
    /** Recorders named {@code tier.<name>}, {@code tier.<name>.queueing}, {@code .service}, {@code .network}. */
    public static TierRecorders named(String tier, Function<String, LatencyRecorder> source) {
        String base = "tier." + tier;
        return new TierRecorders(source.apply(base), source.apply(base + ".queueing"), source.apply(base + ".service"),
                source.apply(base + ".network"));
    }

    public static TierRecorders standalone() {
        return new TierRecorders(new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder());
    }

    public void roll() {
        latency.roll();
        queueing.roll();
        service.roll();
        network.roll();
    }

    TierLatency recent() {
        return new TierLatency(latency.window(), queueing.window(), service.window(), network.window());
    }

    TierLatency total() {
        return new TierLatency(latency.total(), queueing.total(), service.total(), network.total());
    }
}
