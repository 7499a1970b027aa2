package dev.flowdeck.app.ui.live;

import dev.flowdeck.app.ui.logs.LogEntry;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.cdc.RecentEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the console shows at one moment, built off the FX thread by the {@link ConsoleSampler} and applied to the
 * view models in one batch. Immutable.
 *
 * @param metricsAtMillis when the engine last rolled its metrics: charts add a point only when this changes
 * @param rates           items per second by stage id, for the events/s chart
 * @param newLogs         log lines after the Logs view's acknowledged sequence number (so none is lost when frames coalesce)
 * @param newEvents       sampled change events after the Logs view's acknowledged sequence number
 */
public record ConsoleFrame(long atMillis, long metricsAtMillis, ConsoleSession.Status session, boolean pipelineRunning,
                           List<StageFrame> stages, Tiles tiles, Hops hops, Map<String, Double> rates,
                           List<LogEntry> newLogs, List<RecentEvents.Sample> newEvents,
                           Optional<ProcessorFrame> processor, Optional<TiersFrame> tiers) {
    public Optional<StageFrame> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
