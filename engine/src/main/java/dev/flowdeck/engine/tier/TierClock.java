package dev.flowdeck.engine.tier;

import java.util.concurrent.locks.LockSupport;

/**
 * The time a tier model runs on, in nanoseconds since the clock was made. The event loop is the same on both clocks;
 * only {@link #awaitUntil(long)} differs: the simulated clock jumps to the deadline at once (a 10^5-job run takes
 * well under a second), the wall clock parks the loop thread until then, or until new work wakes it.
 */
public interface TierClock {
    long now();

    /** Lets time pass until {@code deadline}, or less if the waiting thread is unparked. */
    void awaitUntil(long deadline);

    /** True if time moves only when the loop moves it. */
    boolean isSimulated();

    static TierClock simulated() {
        return new Simulated();
    }

    static TierClock wall() {
        return new Wall();
    }

    /** Discrete-event time: stands still between events and jumps to the next one. */
    final class Simulated implements TierClock {
        private volatile long now;

        @Override
        public long now() {
            return now;
        }

        @Override
        public void awaitUntil(long deadline) {
            if (deadline > now) {
                now = deadline;
            }
        }

        @Override
        public boolean isSimulated() {
            return true;
        }
    }

    /** Real time from {@link System#nanoTime()}. */
    final class Wall implements TierClock {
        private final long origin = System.nanoTime();

        @Override
        public long now() {
            return System.nanoTime() - origin;
        }

        @Override
        public void awaitUntil(long deadline) {
            long wait = deadline - now();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }

        @Override
        public boolean isSimulated() {
            return false;
        }
    }
}
