package dev.flowdeck.engine.retention;

import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes the oldest rows of {@code livedb}, in id order, beyond the {@link RetentionSettings}: rows older than the
 * age, and rows more than the row limit below the newest id (ids are dense but for rollbacks, so that is about the
 * row count, and needs no {@code count(*)}).
 *
 * <p>Two kinds of row are never deleted: a row the CDC poller has not settled (above its watermark: it may not be
 * published yet), and the newest row, whose id tells the next run where ids go on. A delete is not a change event:
 * the poller captures inserts only, so trimming publishes nothing.
 *
 * <p>The age boundary is found by bisecting on id (about 25 primary-key lookups for 20 million rows), since
 * {@code created_at} has no index. That assumes ids grow with {@code created_at}, as they do for the burst writer;
 * rows another program inserts with an older {@code created_at} go when the rows around them go.
 */
final class LivedbTrim {
    /**
     * Rows per delete transaction. Smaller is cheaper per row on H2 (1.7–1.9 µs a row in batches of 1,000, 2.2–2.7 in
     * 5,000, 4.5–4.9 in 20,000; docs/benchmarks.md), and holds the write fence for less time.
     */
    static final int BATCH = 1_000;

    private LivedbTrim() {
    }

    /**
     * Deletes what is beyond the retention, in transactions of at most {@link #BATCH} rows.
     *
     * @param settledThrough every id at or below it is published (the poller's committed watermark)
     * @return the number of rows deleted
     */
    static long trim(Connection c, Database db, RetentionSettings retention, long settledThrough, Instant now) throws SQLException {
        long[] span = span(c);
        if (span == null) {
            return 0;
        }
        long upTo = Math.min(boundary(c, retention, span[0], span[1], now), Math.min(settledThrough, span[1] - 1));
        long deleted = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM livedb WHERE id >= ? AND id <= ?")) {
            for (long from = span[0]; from <= upTo; from += BATCH) {
                ps.setLong(1, from);
                ps.setLong(2, Math.min(upTo, from + BATCH - 1));
                try (Database.Writing serial = db.writing()) {
                    deleted += ps.executeUpdate();
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return deleted;
    }

    /** The highest id the retention lets go (below the lowest id: nothing), ignoring what the poller has settled. */
    static long boundary(Connection c, RetentionSettings retention, long minId, long maxId, Instant now) throws SQLException {
        long byRows = retention.maxRows() == 0 ? minId - 1 : maxId - retention.maxRows();
        long byAge = retention.maxAge().isZero() ? minId - 1 : lastOlderThan(c, now.minus(retention.maxAge()), minId, maxId);
        return Math.max(byRows, byAge);
    }

    /** {lowest id, highest id}, or null for an empty table. */
    private static long[] span(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(id), MAX(id) FROM livedb")) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        }
    }

    /** The highest id whose row was created before {@code cutoff}, assuming created_at grows with id. */
    private static long lastOlderThan(Connection c, Instant cutoff, long minId, long maxId) throws SQLException {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        long found = minId - 1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, created_at FROM livedb WHERE id >= ? ORDER BY id LIMIT 1")) {
            long lo = minId;
            long hi = maxId;
            while (lo <= hi) {
                long mid = lo + (hi - lo) / 2;
                ps.setLong(1, mid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(2, OffsetDateTime.class).isBefore(before)) {
                        found = rs.getLong(1);
                        lo = found + 1;
                    } else {
                        hi = mid - 1;
                    }
                }
            }
        }
        return found;
    }
}
