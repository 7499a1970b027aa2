package dev.flowdeck.engine.topology;

import java.util.SplittableRandom;

/** Item popularity following Zipf's law: item k (0 = most popular) is requested with probability ∝ 1/(k+1)^s. */
final class ZipfPopularity {
    private final double[] cdf;
    /** guide[j] = the first item whose cdf reaches j/guide.length: sampling starts there (Chen–Asau cutpoints). */
    private final int[] guide;

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
        guide = new int[items];
        int k = 0;
        for (int j = 0; j < items; j++) {
            while (cdf[k] < (double) j / items) {
                k++;
            }
            guide[j] = k;
        }
    }

    /** Inverse transform: the first item whose cdf exceeds a uniform draw; the guide table makes it O(1) on average. */
    int sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        int k = guide[(int) (u * guide.length)];
        while (cdf[k] <= u) {
            k++;
        }
        return k;
    }

    /** The share of requests that go to the {@code top} most popular items. */
    double share(int top) {
        return top <= 0 ? 0 : cdf[Math.min(top, cdf.length) - 1];
    }
}
