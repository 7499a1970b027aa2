package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The model agrees with queueing theory: Poisson arrivals at rho = 0.8, the plain sample mean of the tier latency after
 * warm-up, 10^5 jobs on the simulated clock (within 5 %) and a shorter run on the wall clock (within 15 %). These use
 * the raw mean on purpose: the requirement is on the model, not on the estimator (see LatencyControlsTest for that).
 */
class TierFidelityTest {
    private static TierSweep.Step simulated(ServiceDistribution d, double serviceMs, int servers, double rho, int jobs) throws Exception {
        return TierSweep.step(TierSweep.Spec.of(d, serviceMs, servers, List.of(rho), TierSweep.ClockKind.SIMULATED, jobs, 1), rho);
    }

    @Test
    void constantServiceOneServerMatchesMD1() throws Exception {
        TierSweep.Step s = simulated(ServiceDistribution.CONSTANT, 10, 1, 0.8, 100_000);
        assertThat(s.measured()).isEqualTo(100_000);
        assertThat(s.theoryMeanMs()).isCloseTo(30.0, within(1e-9));
        assertThat(s.meanRawMs()).isCloseTo(30.0, within(30.0 * 0.05));
        assertThat(s.meanMs()).isCloseTo(30.0, within(30.0 * 0.05));
        assertThat(s.p50Ms()).isGreaterThanOrEqualTo(10.0); // nobody is served faster than the service time
    }

    @Test
    void exponentialServiceMatchesErlangC() throws Exception {
        for (int servers : new int[] {1, 4}) {
            TierSweep.Step s = simulated(ServiceDistribution.EXPONENTIAL, 100, servers, 0.8, 100_000);
            double theory = QueueTheory.mmcLatency(100, servers, 0.8);
            assertThat(s.theoryMeanMs()).isCloseTo(theory, within(1e-9));
            assertThat(s.meanRawMs()).as("M/M/%d mean latency", servers).isCloseTo(theory, within(theory * 0.05));
            assertThat(s.meanMs()).as("M/M/%d estimate", servers).isCloseTo(theory, within(theory * 0.05));
        }
    }

    @Test
    void constantServiceManyServersIsNearCosmetatos() throws Exception {
        // M/D/c has no closed form: Cosmetatos' approximation should be within a few percent of a long run.
        for (int servers : new int[] {2, 4}) {
            TierSweep.Step s = simulated(ServiceDistribution.CONSTANT, 10, servers, 0.8, 1_000_000);
            assertThat(s.meanRawMs()).as("M/D/%d", servers).isCloseTo(s.theoryMeanMs(), within(s.theoryMeanMs() * 0.03));
            assertThat(s.meanMs()).as("M/D/%d estimate", servers).isCloseTo(s.theoryMeanMs(), within(s.theoryMeanMs() * 0.03));
        }
    }

    @Test
    void wallClockRunMatchesTheoryAndTheSimulation() throws Exception {
        // 2 ms constant service, 4 servers, rho 0.8: 1,600 arrivals/s, 12,000 measured jobs in about 8 s of real time.
        TierSweep.Spec spec = new TierSweep.Spec(ServiceDistribution.CONSTANT, 2, 4, List.of(0.8), TierSweep.ClockKind.WALL,
                12_000, 1_200, 7, TierSettings.MAX_QUEUE);
        TierSweep.Step wall = TierSweep.step(spec, 0.8);
        TierSweep.Step sim = TierSweep.step(new TierSweep.Spec(spec.distribution(), spec.serviceMs(), spec.servers(), spec.loads(),
                TierSweep.ClockKind.SIMULATED, spec.jobs(), spec.warmup(), spec.seed(), spec.queueCapacity()), 0.8);
        assertThat(wall.measured()).isEqualTo(12_000);
        assertThat(wall.meanRawMs()).isCloseTo(wall.theoryMeanMs(), within(wall.theoryMeanMs() * 0.15));
        assertThat(wall.meanRawMs()).as("wall clock vs simulated clock, same seed").isCloseTo(sim.meanRawMs(), within(sim.meanRawMs() * 0.05));
        // the estimator runs on the wall clock too, from the jobs' model times
        assertThat(wall.meanEstimator()).isEqualTo("control variates: arrival gap, fast single server");
        assertThat(wall.meanMs()).isCloseTo(wall.theoryMeanMs(), within(wall.theoryMeanMs() * 0.05));
        assertThat(wall.meanMs()).isCloseTo(sim.meanMs(), within(sim.meanMs() * 0.05));
        assertThat(wall.throughputPerS()).isCloseTo(1600.0, within(1600.0 * 0.10));
    }
}
