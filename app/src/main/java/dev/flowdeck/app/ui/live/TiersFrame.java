package dev.flowdeck.app.ui.live;

import java.util.List;

/** The edge and cloud tiers' live view, plus the last load sweep if one has run. */
public record TiersFrame(Tier edge, Tier cloud, String policy, List<SweepPoint> sweep) {
    /** One tier at one moment; latencies in ms over the recent window. */
    public record Tier(String name, double throughputPerS, double offeredPerS, double p50Ms, double p99Ms, double meanMs,
                       long queueLength, long inFlight, long arrivals, long completed, long failed, boolean outage,
                       int servers, double serviceMs) {
    }

    /** One step of a sweep: offered load, measured throughput and mean latency, and the queueing-theory mean. */
    public record SweepPoint(String tier, double offeredPerS, double throughputPerS, double meanMs, double p99Ms,
                             double theoryMeanMs) {
    }
}
