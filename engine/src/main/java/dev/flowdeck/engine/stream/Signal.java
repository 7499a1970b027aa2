package dev.flowdeck.engine.stream;

/** What the processor raises besides aggregates: an {@link Alert} or an {@link Anomaly}, each with a unique key. */
public sealed interface Signal permits Alert, Anomaly {
    /** Unique per occurrence (e.g. {@code amount_above/42}), so a reader can tell a repeat from a new one. */
    String key();

    String region();

    long timeMs();
}
