package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.db.Dialect;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage sink's tables, next to {@code livedb}:
 * <ul>
 * <li>{@code livedb_aggregate_parts}: a window's totals per source partition, as the processor emits them;</li>
 * <li>{@code livedb_aggregates}: one row per window, window size, dimension and key: the sum of its parts;</li>
 * <li>{@code processor_sink_offsets}: how far the sink has read the aggregates topic.</li>
 * </ul>
 * Parts and totals are written by upsert with full values, in one transaction with the offsets, so a window written
 * again (after a restart, a replay, a reprocessed window) is never counted twice.
 */
public final class AggregateTable {
    public static final String TABLE = "livedb_aggregates";
    public static final String PARTS = "livedb_aggregate_parts";
    public static final String OFFSETS = "processor_sink_offsets";
    private static final String KEY = "window_start, window_ms, dimension, dim_key";
    private static final String TOTAL_COLUMNS = KEY + ", window_end, event_count, amount_sum, amount_avg, amount_min, amount_max,"
            + " events_per_s, updated_at";
    private static final String PART_COLUMNS = KEY + ", source_partition, event_count, amount_sum, amount_min, amount_max, updated_at";
    private static final String TOTAL_FROM_PARTS = "SELECT " + KEY + ", ?, SUM(event_count), SUM(amount_sum),"
            + " ROUND(CAST(SUM(amount_sum) AS DECIMAL(30, 10)) / SUM(event_count), 6), MIN(amount_min), MAX(amount_max),"
            + " CAST(SUM(event_count) AS DOUBLE PRECISION) * 1000 / window_ms, ?"
            + " FROM " + PARTS + " WHERE window_start = ? AND window_ms = ? AND dimension = ? AND dim_key = ?"
            + " GROUP BY " + KEY;

    private AggregateTable() {
    }

    /** Idempotent DDL, the same on H2 (PostgreSQL mode) and PostgreSQL. */
    public static List<String> ddl() {
        String keyColumns = " window_start TIMESTAMP(3) WITH TIME ZONE NOT NULL,"
                + " window_ms BIGINT NOT NULL,"
                + " dimension VARCHAR(16) NOT NULL,"
                + " dim_key VARCHAR(255) NOT NULL,";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (" + keyColumns
                        + " window_end TIMESTAMP(3) WITH TIME ZONE NOT NULL,"
                        + " event_count BIGINT NOT NULL,"
                        + " amount_sum DECIMAL(20, 2) NOT NULL,"
                        + " amount_avg DECIMAL(20, 6) NOT NULL,"
                        + " amount_min DECIMAL(12, 2),"
                        + " amount_max DECIMAL(12, 2),"
                        + " events_per_s DOUBLE PRECISION NOT NULL,"
                        + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (" + KEY + "))",
                "CREATE TABLE IF NOT EXISTS " + PARTS + " (" + keyColumns
                        + " source_partition INT NOT NULL,"
                        + " event_count BIGINT NOT NULL,"
                        + " amount_sum DECIMAL(20, 2) NOT NULL,"
                        + " amount_min DECIMAL(12, 2),"
                        + " amount_max DECIMAL(12, 2),"
                        + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (" + KEY + ", source_partition))",
                "CREATE TABLE IF NOT EXISTS " + OFFSETS + " ("
                        + " sink VARCHAR(200) NOT NULL,"
                        + " topic VARCHAR(249) NOT NULL,"
                        + " kafka_partition INT NOT NULL,"
                        + " next_offset BIGINT NOT NULL,"
                        + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (sink, topic, kafka_partition))");
    }

    /**
     * Updates a part unless the stored one has more events. Several processor instances run a sink each, all reading
     * the same committed parts; one that lags behind must not put back an older part over a newer one (a part's
     * committed count only grows: exactly-once state never goes back). Parameters: the values, then the key.
     */
    static String updatePart() {
        return "UPDATE " + PARTS + " SET event_count = ?, amount_sum = ?, amount_min = ?, amount_max = ?, updated_at = ?"
                + " WHERE window_start = ? AND window_ms = ? AND dimension = ? AND dim_key = ? AND source_partition = ?"
                + " AND event_count <= ?";
    }

    /** Inserts a part that is not there yet (parameters as {@link #updatePart()}, then the key once more). */
    static String insertPart() {
        return "INSERT INTO " + PARTS + " (event_count, amount_sum, amount_min, amount_max, updated_at, " + KEY + ", source_partition)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + PARTS
                + " WHERE window_start = ? AND window_ms = ? AND dimension = ? AND dim_key = ? AND source_partition = ?)";
    }

    /**
     * Locks this sink's offset rows for the transaction: the sinks of several processor instances then write one at
     * a time, so each recomputes its totals from the parts the others committed (concurrent recomputes would each
     * miss the other's part, and the last to commit would win).
     */
    static String lockSink() {
        return "SELECT next_offset FROM " + OFFSETS + " WHERE sink = ? FOR UPDATE";
    }

    /** Recomputes one window's totals from its parts. Parameters: window end, now, then the key (4 values). */
    static String upsertTotal(Dialect d) {
        return d == Dialect.POSTGRESQL
                ? "INSERT INTO " + TABLE + " (" + TOTAL_COLUMNS + ") " + TOTAL_FROM_PARTS
                        + " ON CONFLICT (" + KEY + ") DO UPDATE SET window_end = EXCLUDED.window_end,"
                        + " event_count = EXCLUDED.event_count, amount_sum = EXCLUDED.amount_sum,"
                        + " amount_avg = EXCLUDED.amount_avg, amount_min = EXCLUDED.amount_min,"
                        + " amount_max = EXCLUDED.amount_max, events_per_s = EXCLUDED.events_per_s,"
                        + " updated_at = EXCLUDED.updated_at"
                : "MERGE INTO " + TABLE + " (" + TOTAL_COLUMNS + ") KEY (" + KEY + ") " + TOTAL_FROM_PARTS;
    }

    static String upsertOffset(Dialect d) {
        return d == Dialect.POSTGRESQL
                ? "INSERT INTO " + OFFSETS + " (sink, topic, kafka_partition, next_offset, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sink, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,"
                        + " updated_at = EXCLUDED.updated_at"
                : "MERGE INTO " + OFFSETS + " (sink, topic, kafka_partition, next_offset, updated_at)"
                        + " KEY (sink, topic, kafka_partition) VALUES (?, ?, ?, ?, ?)";
    }

    /** Where the sink stopped reading, per partition of the aggregates topic. */
    static Map<TopicPartition, Long> loadOffsets(Connection c, String sink, String topic) throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kafka_partition, next_offset FROM " + OFFSETS + " WHERE sink = ? AND topic = ?")) {
            ps.setString(1, sink);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * Upserts the parts, recomputes the totals of every window they touch, and stores the offsets they were read up
     * to, all in one transaction on {@code c}. The parts must be unique per key (PostgreSQL refuses to update a row
     * twice in one statement). Returns how many total rows were written.
     */
    static int write(Connection c, Dialect d, Collection<WindowAggregate> parts, String sink, Map<TopicPartition, Long> offsets)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, WindowAggregate> windows = new LinkedHashMap<>();
        for (WindowAggregate p : parts) {
            windows.putIfAbsent(p.dimension() + "/" + p.key() + "/" + p.windowStartMs() + "/" + p.windowMs(), p);
        }
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement(lockSink())) {
                ps.setString(1, sink);
                ps.executeQuery().close();
            }
            if (!parts.isEmpty()) {
                try (PreparedStatement update = c.prepareStatement(updatePart());
                     PreparedStatement insert = c.prepareStatement(insertPart())) {
                    for (WindowAggregate a : parts) {
                        setPart(update, a, now);
                        update.setLong(11, a.count());
                        update.addBatch();
                        setPart(insert, a, now);
                        setKey(insert, 11, a);
                        insert.setInt(15, a.part());
                        insert.addBatch();
                    }
                    update.executeBatch();
                    insert.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(upsertTotal(d))) {
                    for (WindowAggregate a : windows.values()) {
                        ps.setObject(1, time(a.windowEndMs()));
                        ps.setObject(2, now);
                        setKey(ps, 3, a);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(upsertOffset(d))) {
                for (Map.Entry<TopicPartition, Long> o : offsets.entrySet()) {
                    ps.setString(1, sink);
                    ps.setString(2, o.getKey().topic());
                    ps.setInt(3, o.getKey().partition());
                    ps.setLong(4, o.getValue());
                    ps.setObject(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return windows.size();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is dropped by the caller anyway
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    /**
     * Deletes the windows (parts, then totals) that started before {@code before}, each statement committed on its own:
     * a failure between the two leaves totals of windows no one reads again, which the next trim deletes. A trimmed
     * window is gone from the table only: nothing is published, and windows after it keep their totals.
     *
     * @return the number of total rows deleted
     */
    static int trim(Connection c, Instant before) throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(before, ZoneOffset.UTC);
        try (PreparedStatement parts = c.prepareStatement("DELETE FROM " + PARTS + " WHERE window_start < ?");
             PreparedStatement totals = c.prepareStatement("DELETE FROM " + TABLE + " WHERE window_start < ?")) {
            parts.setObject(1, cutoff);
            parts.executeUpdate();
            totals.setObject(1, cutoff);
            return totals.executeUpdate();
        }
    }

    /** The totals of every window of this size starting at or after {@code fromMs}. */
    static List<WindowAggregate> totalsSince(Connection c, long windowMs, long fromMs) throws SQLException {
        List<WindowAggregate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT window_start, dimension, dim_key, event_count, amount_sum,"
                + " amount_avg, amount_min, amount_max, events_per_s FROM " + TABLE + " WHERE window_ms = ? AND window_start >= ?")) {
            ps.setLong(1, windowMs);
            ps.setObject(2, time(fromMs));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
                    out.add(new WindowAggregate(rs.getString(2), rs.getString(3), null, Instant.ofEpochMilli(start).toString(),
                            start, windowMs, rs.getLong(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getBigDecimal(8), rs.getDouble(9), 0));
                }
            }
        }
        return out;
    }

    /** The part's values (1-5), then its key and source partition (6-10). */
    private static void setPart(PreparedStatement ps, WindowAggregate a, OffsetDateTime now) throws SQLException {
        ps.setLong(1, a.count());
        ps.setBigDecimal(2, a.sum());
        ps.setBigDecimal(3, a.min());
        ps.setBigDecimal(4, a.max());
        ps.setObject(5, now);
        setKey(ps, 6, a);
        ps.setInt(10, a.part());
    }

    private static void setKey(PreparedStatement ps, int first, WindowAggregate a) throws SQLException {
        ps.setObject(first, time(a.windowStartMs()));
        ps.setLong(first + 1, a.windowMs());
        ps.setString(first + 2, a.dimension());
        ps.setString(first + 3, a.key());
    }

    private static OffsetDateTime time(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
