package dev.flowdeck.engine.cdc;

/**
 * How far the CDC poller has got: every id at or below {@code watermark} is published or will never exist (its
 * transaction rolled back), and {@code published} holds the ids above the watermark that are already in Kafka.
 * It is written to Kafka in the same transaction as the events it accounts for.
 */
public record OffsetState(long watermark, IdRanges published, long eventsPublished) {
    public static final OffsetState START = new OffsetState(0, new IdRanges(), 0);

    /** The highest id published so far. */
    public long maxPublished() {
        return published.max(watermark);
    }

    public boolean isPublished(long id) {
        return id <= watermark || published.contains(id);
    }
}
