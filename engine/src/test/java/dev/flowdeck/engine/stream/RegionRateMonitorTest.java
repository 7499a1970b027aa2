package dev.flowdeck.engine.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegionRateMonitorTest {
    private static final long W = 1_000;
    private final ProcessorSettings settings = new ProcessorSettings().window(Duration.ofMillis(W))
            .absenceDelay(Duration.ofMillis(200)).anomalyWarmupWindows(3).anomalyZ(3).anomalyAlpha(0.3);

    @Test
    void aWindowIsJudgedOnlyOnceTheWatermarkPassesItsEndPlusTheDelay() {
        RegionRateMonitor m = new RegionRateMonitor(settings);
        m.onCount("a", 0, 0, 10, 900, 0);
        m.onCount("b", 0, 0, 10, 950, 0);
        assertThat(m.advanceTo(W + 199, 0)).isEmpty();
        assertThat(m.nextWindow()).isZero();
        assertThat(m.advanceTo(W + 200, 0)).isEmpty(); // window 0 judged: both had events
        assertThat(m.nextWindow()).isEqualTo(W);
        m.onCount("a", 0, W, 10, W + 500, 0);
        List<Signal> out = m.advanceTo(2 * W + 200, 0);
        assertThat(out).singleElement().isInstanceOfSatisfying(Alert.class, a -> {
            assertThat(a.rule()).isEqualTo(Alert.RATE_ZERO);
            assertThat(a.region()).isEqualTo("b");
            assertThat(a.windowStartMs()).isEqualTo(W);
        });
        assertThat(m.advanceTo(2 * W + 300, 0)).isEmpty();
    }

    @Test
    void aLongSilenceIsCrossedInOneStepAndRaisesEachZeroOnce() {
        RegionRateMonitor m = new RegionRateMonitor(settings);
        m.onCount("a", 0, 0, 5, 100, 0);
        List<Signal> out = m.advanceTo(365L * 24 * 3600 * 1000, 0); // a year of empty windows
        assertThat(out).hasSize(1);
        assertThat(m.nextWindow()).isGreaterThan(364L * 24 * 3600 * 1000);
        m.onCount("a", 0, m.nextWindow(), 5, m.nextWindow() + 1, 0);
        assertThat(m.advanceTo(m.nextWindow() + W + 200, 0)).isEmpty();
    }

    @Test
    void updatesForAJudgedWindowAreCountedAsLateAndIgnored() {
        RegionRateMonitor m = new RegionRateMonitor(settings);
        m.onCount("a", 0, 0, 5, 100, 0);
        m.advanceTo(W + 200, 0);
        assertThat(m.onCount("a", 0, 0, 6, 150, 0)).isEmpty();
        assertThat(m.lateUpdates()).isEqualTo(1);
    }

    @Test
    void anomaliesNeedTheWarmUpAndEmptyWindowsDoNotMoveTheMean() {
        RegionRateMonitor m = new RegionRateMonitor(settings);
        List<Signal> out = new ArrayList<>();
        long w = 0;
        for (; w < 3 * W; w += W) {
            out.addAll(m.onCount("a", 0, w, 100, w + 10, 0));
        }
        out.addAll(m.onCount("a", 0, w, 1_000, w + 10, 0)); // a spike right after the warm-up
        out.addAll(m.advanceTo(w + W + 200, 0));
        assertThat(out).singleElement().isInstanceOfSatisfying(Anomaly.class, a -> {
            assertThat(a.direction()).isEqualTo(Anomaly.SPIKE);
            assertThat(a.mean()).isEqualTo(100.0);
            assertThat(a.stddev()).isEqualTo(10.0); // Poisson floor: sqrt(100 / 1 s)
        });
        double meanAfterSpike = m.rates().get("a").mean();
        out.clear();
        out.addAll(m.advanceTo(w + 10 * W, 0)); // empty windows: one rate_zero, no "drop" anomalies
        assertThat(out).singleElement().isInstanceOf(Alert.class);
        assertThat(m.rates().get("a").mean()).isEqualTo(meanAfterSpike);
    }

    @Test
    void aPartThatIsBehindHoldsJudgementBackUntilItCatchesUpOrFallsSilent() {
        RegionRateMonitor m = new RegionRateMonitor(settings); // idle after 2 x 250 ms + 200 ms = 700 ms
        m.onCount("a", 0, 0, 5, 100, 0);
        m.onCount("b", 1, 0, 5, 100, 0);
        assertThat(m.onCount("a", 0, 3 * W, 5, 3 * W, 10)).isEmpty(); // part 0 is ahead; part 1 still at 100 ms
        assertThat(m.watermark()).isEqualTo(100);
        // Part 1 catches up: its count for the second window still counts.
        m.onCount("b", 1, W, 5, W + 100, 20);
        List<Signal> out = m.onCount("b", 1, 3 * W, 5, 3 * W, 30);
        // Judged now: the first window (a and b) and the second (b only): a is missing there, b is not.
        assertThat(out).extracting(Signal::region).containsExactly("a");
        assertThat(m.lateUpdates()).isZero();
        // Part 1 falls silent: after the idle time, part 0 alone moves the watermark.
        m.onCount("a", 0, 4 * W, 5, 5 * W, 40);
        assertThat(m.watermark()).isEqualTo(3 * W);
        assertThat(m.onWallClock(30 + settings.idleAfterMs())).extracting(Signal::region).containsExactly("b");
        assertThat(m.watermark()).isEqualTo(5 * W);
    }

    @Test
    void theStateRoundTripsThroughJson() {
        RegionRateMonitor m = new RegionRateMonitor(settings);
        m.onCount("a", 0, 0, 100, 10, 0);
        m.onCount("b", 0, 0, 50, 20, 0);
        m.advanceTo(W + 200, 0);
        m.onCount("a", 0, W, 7, W + 10, 0);
        RegionRateMonitor copy = new RegionRateMonitor(settings);
        copy.restore(ProcessorJson.read(ProcessorJson.write(m.state()), RegionRateMonitor.State.class), 0);
        assertThat(copy.state()).isEqualTo(m.state());
        assertThat(copy.advanceTo(2 * W + 200, 0)).singleElement()
                .isInstanceOfSatisfying(Alert.class, a -> assertThat(a.region()).isEqualTo("b"));
    }
}
