package dev.flowdeck.engine.tier;

import java.util.SplittableRandom;

/** Seeded uniform numbers in (0, 1] for the model's draws (never 0, so a logarithm of one is finite). */
final class Uniforms {
    private final SplittableRandom rng;

    Uniforms(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    double next() {
        return 1.0 - rng.nextDouble();
    }

    /** An exponential variate with the given mean (inverse transform). */
    double exponential(double mean) {
        return -mean * Math.log(next());
    }
}
