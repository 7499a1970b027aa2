package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.PipelineSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames reach the FX thread coalesced: at most one pending update, carrying the newest frame. */
class FxFrameDispatcherTest {
    @Test
    void manyFramesBeforeTheFxThreadRunsBecomeOneUpdateWithTheNewest() {
        Deque<Runnable> fxQueue = new ArrayDeque<>();
        FxFrameDispatcher d = new FxFrameDispatcher(fxQueue::add);
        List<Long> applied = new ArrayList<>();
        d.addListener(f -> applied.add(f.atMillis()));

        for (long t = 1; t <= 5; t++) {
            d.accept(Frames.frame(t, Frames.allRunning(), Tiles.EMPTY));
        }
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(applied).containsExactly(5L);

        d.accept(Frames.frame(6, Frames.allRunning(), Tiles.EMPTY));
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(applied).containsExactly(5L, 6L);
    }

    @Test
    void aSessionThatHasNotStartedGivesAnHonestFrame() {
        ConsoleSession session = new ConsoleSession(Path.of("unused"), Profile.embedded(), new PipelineSettings(), List::of);
        FrameBuilder b = new FrameBuilder(session);
        ConsoleFrame f = b.build(1_000);
        assertThat(f.pipelineRunning()).isFalse();
        assertThat(f.stages()).extracting(StageFrame::id).containsExactlyElementsOf(StageId.DIAGRAM);
        assertThat(f.stage(StageId.PROCESSOR).orElseThrow().message()).contains("not part of this build");
        assertThat(f.stage(StageId.WRITER).orElseThrow().controllable()).isFalse();
        assertThat(f.processor()).isEmpty();
        assertThat(f.tiers()).isEmpty();
    }

    @Test
    void historyKeepsTheNewestInOrder() {
        History h = new History(3);
        for (int i = 1; i <= 5; i++) {
            h.add(i);
        }
        assertThat(h.toArray()).containsExactly(3, 4, 5);
    }
}
