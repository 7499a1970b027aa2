package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ControlVariatesTest {
    private static final int N = 20;

    @Test
    void withoutControlsItIsThePlainBatchMeansInterval() {
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        ControlVariates.Estimate e = ControlVariates.plain(y);
        double sd = Math.sqrt(35.0); // variance of 1..20 with n - 1 = 19 in the denominator
        assertThat(e.mean()).isEqualTo(10.5);
        assertThat(e.ci95()).isCloseTo(2.093 * sd / Math.sqrt(20), within(1e-9));
        assertThat(e.used()).isEmpty();
    }

    @Test
    void aControlThatExplainsTheNoiseRemovesItAndCorrectsTheRunsLuck() {
        // y = 5 + 2 (x - 3) + small noise; x's known mean is 3, but this sample of x happens to average high.
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[N];
        double[] y = new double[N];
        for (int b = 0; b < N; b++) {
            x[b] = 3.5 + r.nextGaussian();
            y[b] = 5 + 2 * (x[b] - 3) + 0.01 * r.nextGaussian();
        }
        ControlVariates.Estimate e = ControlVariates.estimate(y, new double[][] {x}, new double[] {3});
        assertThat(e.beta()[0]).isCloseTo(2.0, within(0.02));
        assertThat(e.mean()).isCloseTo(5.0, within(0.02));
        assertThat(ControlVariates.plain(y).mean()).isGreaterThan(5.5); // the raw mean carries x's luck
        assertThat(e.ci95()).isLessThan(0.05).isGreaterThan(0);
    }

    @Test
    void aControlWithoutSpreadOrOneTheOthersExplainIsDroppedNotDividedBy() {
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[N];
        double[] twice = new double[N];
        double[] flat = new double[N];
        double[] y = new double[N];
        for (int b = 0; b < N; b++) {
            x[b] = r.nextGaussian();
            twice[b] = 2 * x[b] + 1;
            flat[b] = 7;
            y[b] = x[b] + 0.1 * r.nextGaussian();
        }
        ControlVariates.Estimate e = ControlVariates.estimate(y, new double[][] {flat, x, twice}, new double[] {7, 0, 1});
        assertThat(e.used()).containsExactly(1);
        assertThat(e.mean()).isFinite();
        assertThat(e.ci95()).isFinite().isGreaterThan(0);
    }

    @Test
    void theIntervalWidensForTheDegreesOfFreedomTheFitUses() {
        assertThat(ControlVariates.t975(19)).isEqualTo(2.093);
        assertThat(ControlVariates.t975(16)).isEqualTo(2.120);
    }
}
