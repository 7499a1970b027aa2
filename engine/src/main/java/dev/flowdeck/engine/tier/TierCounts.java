package dev.flowdeck.engine.tier;

/**
 * A tier's counts at one model instant, published whole by the event loop, so they always add up:
 * {@code arrivals == completed + failed() + inFlight()}.
 *
 * @param networkOut   jobs on their way to the tier
 * @param queued       jobs waiting for a server
 * @param inService    jobs being served
 * @param networkBack  served jobs whose reply is on its way back
 * @param meanInTier   time-average of queued + in service since the tier started (L in Little's law)
 * @param meanQueued   time-average of queued
 * @param meanBusy     time-average of busy servers (utilisation times servers)
 */
public record TierCounts(String tier, long atNanos, long arrivals, long completed, long failedQueueFull, long failedOutage,
                         int networkOut, int queued, int inService, int networkBack, int servers, int queueCapacity,
                         boolean outage, double meanInTier, double meanQueued, double meanBusy) {
    public static TierCounts empty(String tier) {
        return new TierCounts(tier, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0);
    }

    public long failed() {
        return failedQueueFull + failedOutage;
    }

    /** Jobs accepted and not yet finished: on the network, waiting, or in service. */
    public long inFlight() {
        return (long) networkOut + queued + inService + networkBack;
    }
}
