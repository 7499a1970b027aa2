package dev.flowdeck.app.ui.live;

import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.StageId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the console shows at one moment, built off the FX thread by the {@link ConsoleSampler} and applied to the
 * view models in one batch. Immutable.
 *
 * @param metricsAtMillis when the engine last rolled its metrics: charts add a point only when this changes
 * @param rates           items per second by stage id, for the events/s chart
 */
public record ConsoleFrame(long atMillis, long metricsAtMillis, ConsoleSession.Status session, boolean pipelineRunning,
                           List<StageFrame> stages, Tiles tiles, Hops hops, Map<StageId, Double> rates,
                           Optional<ProcessorFrame> processor, Optional<TiersFrame> tiers) {
    public Optional<StageFrame> stage(StageId id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
