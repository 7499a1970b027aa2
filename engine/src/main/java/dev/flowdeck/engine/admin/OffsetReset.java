package dev.flowdeck.engine.admin;

import java.util.List;
import java.util.OptionalInt;

/**
 * How to move a group's offsets.
 *
 * @param topics    the topics to move; empty for every topic the group has offsets on
 * @param partition one partition of those topics, or empty for all
 * @param value     the timestamp (epoch millis) for {@link Strategy#TIMESTAMP}, the shift for {@link Strategy#SHIFT}
 *                  (negative: read again, positive: skip)
 */
public record OffsetReset(Strategy strategy, long value, List<String> topics, OptionalInt partition) {
    /** Where to move to. */
    public enum Strategy {
        /** The oldest record still kept: everything is read again. */
        EARLIEST,
        /** The end: everything not read yet is skipped. */
        LATEST,
        /** The first record at or after a time. */
        TIMESTAMP,
        /** The current offset plus N (negative N reads N records again). */
        SHIFT
    }

    public OffsetReset {
        topics = List.copyOf(topics);
    }

    public static OffsetReset to(Strategy strategy, long value, String... topics) {
        return new OffsetReset(strategy, value, List.of(topics), OptionalInt.empty());
    }
}
