package dev.flowdeck.engine.admin;

import org.apache.kafka.common.IsolationLevel;

import java.util.OptionalInt;

/**
 * What to browse.
 *
 * @param partition  empty for all partitions
 * @param offset     for {@link StartPosition#OFFSET}
 * @param timestamp  epoch millis, for {@link StartPosition#TIMESTAMP}
 * @param limit      the most records to return (after filtering)
 * @param maxScanned the most records to read while looking for matches, so a rare filter ends in bounded time
 */
public record BrowseRequest(String topic, OptionalInt partition, StartPosition start, long offset, long timestamp,
                            int limit, MessageFilter filter, IsolationLevel isolation, int maxScanned) {
    public static final int DEFAULT_LIMIT = 500;
    public static final int DEFAULT_MAX_SCANNED = 1_000_000;

    public BrowseRequest {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("choose a topic to browse");
        }
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("the number of records to show must be between 1 and 100,000 (got " + limit + ")");
        }
        if (start == StartPosition.OFFSET && offset < 0) {
            throw new IllegalArgumentException("the start offset must be 0 or more (got " + offset + ")");
        }
        filter = filter == null ? MessageFilter.NONE : filter;
        isolation = isolation == null ? IsolationLevel.READ_COMMITTED : isolation;
        maxScanned = maxScanned <= 0 ? DEFAULT_MAX_SCANNED : maxScanned;
    }

    public static BrowseRequest from(String topic, StartPosition start) {
        return new BrowseRequest(topic, OptionalInt.empty(), start, 0, 0, DEFAULT_LIMIT, MessageFilter.NONE,
                IsolationLevel.READ_COMMITTED, DEFAULT_MAX_SCANNED);
    }

    public BrowseRequest partition(int p) {
        return new BrowseRequest(topic, OptionalInt.of(p), start, offset, timestamp, limit, filter, isolation, maxScanned);
    }

    public BrowseRequest atOffset(long o) {
        return new BrowseRequest(topic, partition, StartPosition.OFFSET, o, timestamp, limit, filter, isolation, maxScanned);
    }

    public BrowseRequest atTimestamp(long millis) {
        return new BrowseRequest(topic, partition, StartPosition.TIMESTAMP, offset, millis, limit, filter, isolation, maxScanned);
    }

    public BrowseRequest limit(int n) {
        return new BrowseRequest(topic, partition, start, offset, timestamp, n, filter, isolation, maxScanned);
    }

    public BrowseRequest filter(MessageFilter f) {
        return new BrowseRequest(topic, partition, start, offset, timestamp, limit, f, isolation, maxScanned);
    }

    public BrowseRequest isolation(IsolationLevel level) {
        return new BrowseRequest(topic, partition, start, offset, timestamp, limit, filter, level, maxScanned);
    }
}
