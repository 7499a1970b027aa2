package dev.flowdeck.engine.cdc;

import java.util.Map;

/**
 * How far the CDC poller has got: every id at or below {@code watermark} is published or will never exist (its
 * transaction rolled back), and {@code published} holds the ids above the watermark that are already in Kafka.
 * It is written to Kafka in the same transaction as the events it accounts for, together with {@code positions}:
 * per partition of the event topic(s), the offset where that transaction's events begin, so that events committed
 * after this state can be found again (see {@link OffsetRecovery}). With several topics the positions are keyed by
 * the index in {@link OffsetRecovery#eventPartitions}; with one, that is the partition number.
 */
public record OffsetState(long watermark, IdRanges published, long eventsPublished, Map<Integer, Long> positions) {
    public static final OffsetState START = new OffsetState(0, new IdRanges(), 0, Map.of());

    public OffsetState {
        positions = Map.copyOf(positions);
    }

    public OffsetState withPositions(Map<Integer, Long> newPositions) {
        return new OffsetState(watermark, published, eventsPublished, newPositions);
    }

    /** The highest id published so far. */
    public long maxPublished() {
        return published.max(watermark);
    }

    public boolean isPublished(long id) {
        return id <= watermark || published.contains(id);
    }
}
