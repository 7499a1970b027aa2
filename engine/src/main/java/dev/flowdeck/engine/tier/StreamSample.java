package dev.flowdeck.engine.tier;

import java.util.function.DoubleSupplier;

/**
 * Takes a share of a stream, evenly and without randomness: at 0.1 every tenth event, at 0.25 every fourth. The share
 * is read at each event, so a slider acts at once. Integer arithmetic keeps 1/N exact over any number of events.
 */
public final class StreamSample {
    private static final long ONE = 1_000_000_000L;
    private final DoubleSupplier fraction;
    private long credit;

    public StreamSample(DoubleSupplier fraction) {
        this.fraction = fraction;
    }

    /** True if this event is taken. One caller at a time. */
    public boolean take() {
        credit += Math.round(fraction.getAsDouble() * ONE);
        if (credit >= ONE) {
            credit -= ONE;
            return true;
        }
        return false;
    }
}
