package dev.flowdeck.app.ui.live;

import java.util.List;

/**
 * The edge and cloud tiers' live view, the queueing-theory curves for their current settings, and the last load sweep.
 *
 * @param theory       one curve per tier: mean time in the tier (queue + service) against throughput, M/M/c or M/D/c
 * @param sweepStatus  what the sweep is doing ("" when idle)
 */
public record TiersFrame(Tier edge, Tier cloud, String policy, Routed routed, List<SweepPoint> sweep, List<Curve> theory,
                         String sweepStatus) {
    /** Where the router sent requests: served at the edge, in the cloud, spilled (edge queue full), diverted (a tier out). */
    public record Routed(long toEdge, long toCloud, long spilled, long diverted) {
    }

    /**
     * One tier at one moment; latencies in ms over the recent window.
     *
     * @param tierMeanMs mean time in the tier without the network (queueing + service): what queueing theory predicts
     */
    public record Tier(String name, double throughputPerS, double offeredPerS, double p50Ms, double p99Ms, double meanMs,
                       double tierMeanMs, long queueLength, long inFlight, long arrivals, long completed, long failed,
                       boolean outage, int servers, double serviceMs) {
    }

    /** One step of a sweep (simulated clock): offered load, measured throughput and mean, and the theory's mean. */
    public record SweepPoint(String tier, double offeredPerS, double throughputPerS, double meanMs, double p99Ms,
                             double theoryMeanMs) {
    }

    /** A theory curve; the arrays are not copied (frames are compared by identity of these). */
    public record Curve(String tier, double[] throughputPerS, double[] meanMs) {
    }
}
