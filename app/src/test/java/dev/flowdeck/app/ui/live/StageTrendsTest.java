package dev.flowdeck.app.ui.live;

import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.admin.LagHistory;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The frame builder works each stage's backlog trend out itself, on its own thread: the FX thread only shows it. */
class StageTrendsTest {
    @Test
    void theBuilderAloneStampsEachFrameWithItsStagesTrend() {
        AtomicLong waiting = new AtomicLong(60_000);
        ConsoleSession session = new ConsoleSession(Path.of("unused"), Profile.embedded(), new PipelineSettings(), List::of);
        FrameBuilder builder = new FrameBuilder(session);
        builder.addExtension(() -> List.of(new StageFrame(StageId.PROCESSOR, true, StageState.RUNNING, "", 1000,
                "events/s", waiting.get(), 4_000, "")));

        for (int s = 0; s <= 10; s++) {
            waiting.set(60_000 - s * 1_000L);
            builder.build(s * 1_000L);
            builder.build(s * 1_000L + 100); // frames between samples are not samples
        }
        ConsoleFrame frame = builder.build(10_500);

        assertThat(Platform.isFxApplicationThread()).as("built on the test's own thread").isFalse();
        LagHistory.Trend trend = frame.stage(StageId.PROCESSOR).orElseThrow().trend().orElseThrow();
        assertThat(trend.samples()).isEqualTo(11);
        assertThat(trend.lagMessages()).isEqualTo(50_000);
        assertThat(trend.messagesPerSecond()).isCloseTo(-1_000, within(0.01));
        assertThat(trend.catchUpIn().map(Duration::toMillis).orElseThrow()).isCloseTo(50_000L, within(10L));
        assertThat(frame.stage(StageId.WRITER).orElseThrow().trend()).as("a stopped stage has no trend").isEmpty();
    }

    @Test
    void aStageWithoutABacklogIsLeftAsItIs() {
        StageFrame f = new StageFrame(StageId.WRITER, true, StageState.RUNNING, "", 10, "rows/s", -1, -1, "");
        assertThat(new StageTrends().stamp(f, 1_000)).isSameAs(f);
    }
}
