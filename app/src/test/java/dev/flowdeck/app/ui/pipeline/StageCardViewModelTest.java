package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.app.ui.live.StageTrends;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Pipeline card's backlog trend and catch-up estimate, from the frames it is given (one sample a second), each
 * stamped with its trend as the frame builder does.
 */
class StageCardViewModelTest {
    private final StageTrends trends = new StageTrends();

    private static StageFrame frame(long waiting, double behindMs) {
        return new StageFrame(StageId.READER, true, StageState.RUNNING, "", 1000, "events/s", waiting, behindMs, "");
    }

    @Test
    void aShrinkingBacklogSaysWhenItCatchesUp() {
        StageCardViewModel card = new StageCardViewModel(StageId.READER);
        card.apply(trends.stamp(frame(60_000, 4_000), 0), false);
        assertThat(card.trendProperty().get()).isEqualTo("measuring the trend…");
        // 1,000 fewer waiting each second: 60 s of samples, then 0 left in 50 more seconds... at 50,000 → ~50 s
        for (int s = 1; s <= 10; s++) {
            card.apply(trends.stamp(frame(60_000 - s * 1_000L, 4_000), s * 1_000L), false);
            // frames between samples are not samples
            card.apply(trends.stamp(frame(60_000 - s * 1_000L, 4_000), s * 1_000L + 100), false);
        }
        assertThat(card.trendProperty().get()).isEqualTo("↘ catches up in ~50 s");
        assertThat(card.waitingProperty().get()).isEqualTo("50,000 events waiting");
    }

    @Test
    void aGrowingBacklogIsFallingBehindAndNoneIsCaughtUp() {
        StageCardViewModel card = new StageCardViewModel(StageId.READER);
        for (int s = 0; s <= 5; s++) {
            card.apply(trends.stamp(frame(1_000 + s * 300L, 100), s * 1_000L), false);
        }
        assertThat(card.trendProperty().get()).isEqualTo("↗ falling behind +300/s");
        for (int s = 6; s <= 8; s++) {
            card.apply(trends.stamp(frame(0, 0), s * 1_000L), false);
        }
        assertThat(card.trendProperty().get()).isEqualTo("caught up");
        card.apply(trends.stamp(new StageFrame(StageId.READER, true, StageState.STOPPED, "", 0, "events/s", 0, 0, ""), 9_000), false);
        assertThat(card.trendProperty().get()).as("a stopped stage has no trend").isEmpty();
    }
}
