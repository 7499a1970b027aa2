package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;

/** Runs the tiers' event loop on the wall clock, on thread {@code flowdeck-tiers}. */
public final class TierStage extends WorkerStage {
    private final EventLoop loop;

    TierStage(EventLoop loop) {
        super(StageId.TIER_LOOP);
        this.loop = loop;
    }

    @Override
    protected void work(int worker) {
        setStatus(StageState.RUNNING, "edge and cloud tiers on the wall clock");
        loop.runLive(this::stopping);
    }

    @Override
    public void stop() {
        loop.wake();
        super.stop();
    }
}
