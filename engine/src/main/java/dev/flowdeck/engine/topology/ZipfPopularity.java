package dev.flowdeck.engine.topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Item popularity following Zipf's law: item k (0 = most popular) is requested with probability ∝ 1/(k+1)^s. */
final class ZipfPopularity {
    private final double[] cdf;

    ZipfPopularity(int items, double exponent) {
        cdf = new double[items];
        double sum = 0;
        for (int k = 0; k < items; k++) {
            sum += Math.pow(k + 1, -exponent);
            cdf[k] = sum;
        }
        for (int k = 0; k < items; k++) {
            cdf[k] /= sum;
        }
        cdf[items - 1] = 1.0;
    }

    int sample(SplittableRandom rng) {
        int i = Arrays.binarySearch(cdf, rng.nextDouble());
        return i >= 0 ? i : -i - 1;
    }

    /** The share of requests that go to the {@code top} most popular items. */
    double share(int top) {
        return top <= 0 ? 0 : cdf[Math.min(top, cdf.length) - 1];
    }
}
