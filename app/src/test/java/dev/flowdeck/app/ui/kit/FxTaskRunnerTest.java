package dev.flowdeck.app.ui.kit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Work handed to the runner after the console closed is dropped, not thrown into the FX thread. */
class FxTaskRunnerTest {

    @Test
    void aTaskAfterCloseIsDroppedQuietly() {
        FxTaskRunner runner = new FxTaskRunner();
        runner.close();
        AtomicBoolean ran = new AtomicBoolean();

        // A page's timer firing once more after the window closed did this: RejectedExecutionException on the FX thread.
        TaskRunner.Handle handle = runner.run("late refresh", () -> ran.getAndSet(true), r -> { }, e -> { });

        assertThat(handle.isDone()).isTrue();
        assertThat(ran).isFalse();
    }
}
