package dev.flowdeck.app.bench;

import dev.flowdeck.engine.config.PipelineSettings;

import java.time.Duration;

/**
 * What {@code flowdeck bench-ui} does: run the pipeline at a set rate with the real window and every chart live,
 * wait {@code warmUp} after the pipeline runs, then measure for {@code duration}.
 */
public record BenchPlan(Duration duration, Duration warmUp, int rowsPerBurst, long burstIntervalMs) {
    public PipelineSettings settings() {
        return new PipelineSettings().rowsPerBurst(rowsPerBurst).burstIntervalMs(burstIntervalMs);
    }
}
