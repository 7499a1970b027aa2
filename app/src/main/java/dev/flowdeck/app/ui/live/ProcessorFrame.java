package dev.flowdeck.app.ui.live;

import java.util.List;

/** The stream processor's live view: per-region aggregates of the last window and the latest alerts. */
public record ProcessorFrame(List<RegionAggregate> regions, List<Alert> alerts) {
    /** One region's aggregate over the last complete window. */
    public record RegionAggregate(String region, long count, double sum, double average, double eventsPerS) {
    }

    /** One alert: which rule fired, on what value, when (epoch millis). */
    public record Alert(long atMillis, String rule, String subject, String value) {
    }
}
