package dev.flowdeck.app.ui.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a stage trails its upstream, in time. */
class StageFrameTest {
    private static final long NOW_MICROS = 1_780_000_000_000_000L;

    @Test
    void aStageThatHasHandledNothingYetHasNoTrailTimeRatherThanTheAgeOfTheEpoch() {
        // The console showed "Behind 1796300450 s" on the CDC card before the poller's first event.
        assertThat(StageFrame.trailMs(1_000, NOW_MICROS, 0)).isNaN();
    }

    @Test
    void nothingWaitingIsNoTrailAndOtherwiseTheDifferenceOfTheNewestTimes() {
        assertThat(StageFrame.trailMs(0, NOW_MICROS, 0)).isZero();
        assertThat(StageFrame.trailMs(5, NOW_MICROS, NOW_MICROS - 8_500)).isEqualTo(8.5);
        assertThat(StageFrame.trailMs(5, NOW_MICROS - 10, NOW_MICROS)).isZero();
    }
}
