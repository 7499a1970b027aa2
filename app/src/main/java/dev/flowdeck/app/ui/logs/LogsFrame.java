package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.cdc.RecentEvents;

import java.util.List;

/**
 * What the Logs page has not shown yet: log lines and sampled change events after its acknowledged sequence numbers
 * (so none is lost when updates coalesce). Immutable.
 */
public record LogsFrame(List<LogEntry> newLogs, List<RecentEvents.Sample> newEvents) {
    long lastLogSeq() {
        return newLogs.isEmpty() ? -1 : newLogs.get(newLogs.size() - 1).seq();
    }

    long lastEventSeq() {
        return newEvents.isEmpty() ? -1 : newEvents.get(newEvents.size() - 1).seq();
    }
}
