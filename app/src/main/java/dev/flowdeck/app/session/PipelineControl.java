package dev.flowdeck.app.session;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.config.PipelineSettings;

/** What the Pipeline view may do to the running pipeline. Every method but {@link #settings()} blocks: call off the FX thread. */
public interface PipelineControl {
    /** The live settings; writers read them on every burst, so a change acts at once. */
    PipelineSettings settings();

    void startAllStages() throws Exception;

    void stopAllStages();

    void setStageRunning(StageId stage, boolean run);

    /** Why the CDC stopped because its source database was reset, with the choices; empty when it did not. Never blocks. */
    default java.util.Optional<String> pendingSourceReset() {
        return java.util.Optional.empty();
    }

    /** Answers {@link #pendingSourceReset()}: re-snapshot or resume. Never blocks. */
    default void resolveSourceReset(dev.flowdeck.engine.config.ResetChoice choice) {
    }
}
