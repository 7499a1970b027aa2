package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.flowdeck.engine.tier.LatencyControls.Control.ARRIVAL_GAP;
import static dev.flowdeck.engine.tier.LatencyControls.Control.AUXILIARY_MM1;
import static dev.flowdeck.engine.tier.LatencyControls.Control.FAST_SERVER;
import static dev.flowdeck.engine.tier.LatencyControls.Control.SERVICE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyControlsTest {
    @Test
    void lindleyRecursionQueuesAJobBehindTheOnesBeforeIt() {
        LindleyQueue q = new LindleyQueue();
        assertThat(q.timeInSystem(0, 10)).isEqualTo(10);  // empty: service only
        assertThat(q.timeInSystem(4, 10)).isEqualTo(16);  // waits 6 for the first
        assertThat(q.timeInSystem(5, 3)).isEqualTo(18);   // waits 15: the first two end at 20
        assertThat(q.timeInSystem(50, 2)).isEqualTo(2);   // the queue emptied at 23
    }

    @Test
    void aFifoTierStartsJobsInArrivalOrderAndTheIthJobGetsTheIthServiceDraw() {
        // What the fast single server relies on: c servers, FIFO, so job i's service time is the tier's i-th draw.
        EventLoop loop = EventLoop.simulated();
        TierSettings settings = new TierSettings(100, 4, 0, TierSettings.MAX_QUEUE).distribution(ServiceDistribution.EXPONENTIAL);
        Tier tier = new Tier("t", settings, loop, new Uniforms(42), TierRecorders.standalone());
        List<Job> done = new ArrayList<>();
        new PoissonArrivals(36, 7).scheduleOn(loop, 20_000, i -> tier.accept(new Job(i, i, null, done::add))); // rho 0.9
        loop.runUntilIdle();
        done.sort(Comparator.comparingLong(Job::key));
        Uniforms draws = new Uniforms(42);
        long lastStart = -1;
        boolean outOfOrderFinishes = false;
        for (Job j : done) {
            assertThat(j.completed()).isTrue();
            assertThat(j.serviceStartAt).as("start of job %d", j.key()).isGreaterThanOrEqualTo(lastStart);
            lastStart = j.serviceStartAt;
            assertThat(j.serviceNanos()).as("service of job %d", j.key())
                    .isEqualTo(ServiceDistribution.EXPONENTIAL.drawNanos(100e6, draws));
        }
        for (int i = 1; i < done.size(); i++) {
            outOfOrderFinishes |= done.get(i).doneAtNanos() < done.get(i - 1).doneAtNanos();
        }
        assertThat(outOfOrderFinishes).as("with 4 servers jobs finish out of order (what ArrivalOrder is for)").isTrue();
        assertThat(done).hasSize(20_000);
    }

    @Test
    void theControlsAreTheInputsAndASystemThatIsNotTheTierItself() {
        assertThat(LatencyControls.chosen(ServiceDistribution.EXPONENTIAL, 4)).containsExactly(ARRIVAL_GAP, SERVICE_TIME, FAST_SERVER);
        assertThat(LatencyControls.chosen(ServiceDistribution.CONSTANT, 4)).containsExactly(ARRIVAL_GAP, FAST_SERVER);
        assertThat(LatencyControls.chosen(ServiceDistribution.CONSTANT, 1)).containsExactly(ARRIVAL_GAP, AUXILIARY_MM1);
        // one exponential server: a fast single server would be the tier itself, and its mean the formula under test
        assertThat(LatencyControls.chosen(ServiceDistribution.EXPONENTIAL, 1)).containsExactly(ARRIVAL_GAP, SERVICE_TIME);
    }

    @Test
    void theEstimateIsUnbiasedAndFarTighterThanTheRawMean() throws Exception {
        // rho 0.9, 10 seeds of 20,000 jobs: the raw means scatter by about 15 %.
        check(ServiceDistribution.CONSTANT, 10, 1, "control variates: arrival gap, auxiliary M/M/1", 2.0);
        check(ServiceDistribution.EXPONENTIAL, 100, 4, "control variates: arrival gap, service time, fast single server", 1.0);
    }

    private static void check(ServiceDistribution d, double serviceMs, int servers, String estimator, double maxBiasPct)
            throws Exception {
        TierSweep.Spec spec = TierSweep.Spec.of(d, serviceMs, servers, List.of(0.9), TierSweep.ClockKind.SIMULATED, 20_000, 1);
        List<SweepReplications.Summary> s = SweepReplications.run(spec, 10, 0.05, x -> { });
        SweepReplications.Summary r = s.get(0);
        assertThat(r.estimator()).isEqualTo(estimator);
        assertThat(Math.abs(r.estimate().biasPct())).as("%s: bias of the estimate, %%", estimator).isLessThan(maxBiasPct);
        assertThat(r.estimate().sdPct()).as("%s: spread of the estimate vs the raw mean", estimator)
                .isLessThan(r.raw().sdPct() / 3);
        assertThat(r.estimate().within()).isGreaterThanOrEqualTo(9);
        assertThat(r.covered()).as("seeds whose 95 %% interval holds the theory").isGreaterThanOrEqualTo(8);
    }

    @Test
    void atOrAboveCapacityOrWithFailuresTheRawMeanStands() throws Exception {
        TierSweep.Step over = TierSweep.step(TierSweep.Spec.of(ServiceDistribution.EXPONENTIAL, 10, 2, List.of(1.2),
                TierSweep.ClockKind.SIMULATED, 20_000, 3), 1.2);
        assertThat(over.meanEstimator()).isEqualTo("raw sample mean (at or above capacity)");
        assertThat(over.meanMs()).isEqualTo(over.meanRawMs());
        assertThat(over.meanCi95Ms()).isEqualTo(over.meanRawCi95Ms());

        TierSweep.Step bounded = TierSweep.step(new TierSweep.Spec(ServiceDistribution.CONSTANT, 10, 1, List.of(0.95),
                TierSweep.ClockKind.SIMULATED, 20_000, 2_000, 3, 5), 0.95);
        assertThat(bounded.failed()).isPositive();
        assertThat(bounded.meanEstimator()).isEqualTo("raw sample mean (jobs failed)");
        assertThat(bounded.meanMs()).isEqualTo(bounded.meanRawMs());
    }

    @Test
    void theEstimateDiffersFromTheRawMeanOnlyByTheControlsDeviationFromTheirKnownMeans() throws Exception {
        TierSweep.Step s = TierSweep.step(TierSweep.Spec.of(ServiceDistribution.EXPONENTIAL, 100, 4, List.of(0.8),
                TierSweep.ClockKind.SIMULATED, 20_000, 11), 0.8);
        assertThat(s.meanEstimator()).startsWith("control variates:");
        assertThat(s.meanRawMs()).isNotEqualTo(s.meanMs());
        assertThat(s.meanCi95Ms()).isLessThan(s.meanRawCi95Ms() / 2);
        assertThat(s.meanMs()).isCloseTo(s.theoryMeanMs(), within(3 * s.meanCi95Ms()));
    }
}
