package dev.flowdeck.engine.tier;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Poisson arrivals: exponential gaps with mean 1/λ. The gaps are unit exponentials scaled by 1/λ, so runs with the
 * same seed at different rates see the same arrivals compressed or stretched in time (common random numbers: a
 * sweep's steps differ by the load alone).
 */
final class PoissonArrivals {
    /** How far ahead of its instant a real-time arrival is handed to the loop. */
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final Uniforms rng;
    private final double meanGapNanos;

    PoissonArrivals(double perSecond, long seed) {
        this(perSecond, new Uniforms(seed));
    }

    PoissonArrivals(double perSecond, Uniforms rng) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("arrival rate must be above 0 (got " + perSecond + ")");
        }
        this.rng = rng;
        this.meanGapNanos = 1e9 / perSecond;
    }

    long nextGapNanos() {
        return Math.round(rng.exponential(meanGapNanos));
    }

    /** Schedules {@code count} arrivals on the loop, one event each; {@code arrive} gets the arrival's index. */
    void scheduleOn(EventLoop loop, long count, LongConsumer arrive) {
        new Object() {
            long index;

            void next(long after) {
                if (index >= count) {
                    return;
                }
                long at = after + nextGapNanos();
                loop.at(at, () -> {
                    long i = index++;
                    next(at);
                    arrive.accept(i);
                });
            }
        }.next(loop.now());
    }

    /**
     * Hands {@code count} arrivals to a wall-clock loop from the calling thread, each a little ahead of its instant
     * and stamped with it, so the loop (which waits real time for it) takes it in exactly then: the host's scheduling
     * jitter in this thread does not bend the Poisson process. Returns early if {@code stop} says so.
     */
    void offerInRealTime(EventLoop loop, long count, LongConsumer arrive, BooleanSupplier stop) {
        TierClock clock = loop.clock();
        long at = clock.now() + LEAD_NANOS;
        for (long i = 0; i < count && !stop.getAsBoolean(); i++) {
            at += nextGapNanos();
            long wait;
            while ((wait = at - LEAD_NANOS - clock.now()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long index = i;
            while (!loop.offerAt(at, () -> arrive.accept(index))) {
                if (stop.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
