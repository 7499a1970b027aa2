package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TierSweepTest {
    private static final List<Double> LOADS = List.of(0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.1, 1.3, 1.6);

    @Test
    void latencyNeverFallsAsLoadRises() throws Exception {
        for (ServiceDistribution d : ServiceDistribution.values()) {
            List<TierSweep.Step> steps = TierSweep.run(TierSweep.Spec.of(d, 10, 2, LOADS, TierSweep.ClockKind.SIMULATED, 20_000, 5), s -> { });
            assertThat(steps).hasSize(LOADS.size());
            for (int i = 1; i < steps.size(); i++) {
                TierSweep.Step lo = steps.get(i - 1);
                TierSweep.Step hi = steps.get(i);
                // the raw mean: common random numbers make it monotone job by job (the estimate is not, strictly)
                assertThat(hi.meanRawMs()).as("%s mean at rho %s vs %s", d, hi.rho(), lo.rho()).isGreaterThanOrEqualTo(lo.meanRawMs());
                assertThat(hi.p50Ms()).isGreaterThanOrEqualTo(lo.p50Ms());
                assertThat(hi.p99Ms()).isGreaterThanOrEqualTo(lo.p99Ms());
            }
        }
    }

    @Test
    void throughputFollowsTheOfferedLoadThenCapsAtServersOverServiceTime() throws Exception {
        List<TierSweep.Step> steps = TierSweep.run(TierSweep.Spec.of(ServiceDistribution.EXPONENTIAL, 10, 2, LOADS,
                TierSweep.ClockKind.SIMULATED, 50_000, 5), s -> { });
        double capacity = 2 / 0.010;
        for (TierSweep.Step s : steps) {
            assertThat(s.throughputPerS()).as("throughput at rho %s", s.rho()).isLessThanOrEqualTo(capacity * 1.02);
            if (s.rho() <= 0.9) {
                assertThat(s.throughputPerS()).isCloseTo(s.offeredPerS(), within(s.offeredPerS() * 0.03));
                assertThat(s.theoryMeanMs()).isFinite();
            }
            if (s.rho() >= 1.1) {
                assertThat(s.throughputPerS()).isCloseTo(capacity, within(capacity * 0.02));
                assertThat(s.theoryMeanMs()).isNaN();
            }
        }
    }

    @Test
    void aBoundedQueueAboveCapacityFailsTheExcessAndKeepsLatencyBounded() throws Exception {
        TierSweep.Spec spec = new TierSweep.Spec(ServiceDistribution.CONSTANT, 10, 1, List.of(1.5), TierSweep.ClockKind.SIMULATED,
                20_000, 2_000, 1, 50);
        TierSweep.Step s = TierSweep.step(spec, 1.5);
        assertThat(s.failed()).isCloseTo(20_000 / 3, within(600L));
        assertThat(s.maxMs()).isLessThanOrEqualTo(10 * 51 * 1.001); // 50 waiting ahead + own service (HdrHistogram: 3 digits)
        assertThat(s.throughputPerS()).isCloseTo(100.0, within(2.0));
    }

    @Test
    void aSweepIsRepeatableWithTheSameSeed() throws Exception {
        TierSweep.Spec spec = TierSweep.Spec.of(ServiceDistribution.EXPONENTIAL, 10, 1, List.of(0.8), TierSweep.ClockKind.SIMULATED, 5_000, 9);
        TierSweep.Step a = TierSweep.step(spec, 0.8);
        TierSweep.Step b = TierSweep.step(spec, 0.8);
        assertThat(a.meanMs()).isEqualTo(b.meanMs());
        assertThat(a.meanRawMs()).isEqualTo(b.meanRawMs());
    }

    @Test
    void badSpecsAreRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> TierSweep.Spec.of(ServiceDistribution.CONSTANT, 10, 1, List.of(0.5, -1.0), TierSweep.ClockKind.SIMULATED, 10, 1))
                .isInstanceOf(SettingsException.class).hasMessageContaining("load").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> TierSweep.Spec.of(ServiceDistribution.CONSTANT, 0, 1, List.of(0.5), TierSweep.ClockKind.SIMULATED, 10, 1))
                .isInstanceOf(SettingsException.class).hasMessageContaining("service time mean");
        assertThatThrownBy(() -> TierSweep.Spec.of(ServiceDistribution.CONSTANT, 10, 0, List.of(0.5), TierSweep.ClockKind.SIMULATED, 10, 1))
                .isInstanceOf(SettingsException.class).hasMessageContaining("servers must be between 1 and 1024 (got 0)");
        assertThatThrownBy(() -> TierSweep.ClockKind.parse("sundial")).hasMessageContaining("simulated or wall");
    }
}
