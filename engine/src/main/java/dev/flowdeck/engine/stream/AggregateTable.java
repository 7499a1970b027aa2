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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage sink's tables, next to {@code livedb}: {@code livedb_aggregates} (one row per window, window size,
 * dimension and key, written by upsert with the window's full totals, so writing a window again never double
 * counts) and {@code processor_sink_offsets} (how far the sink has read the aggregates topic, committed in the same
 * transaction as the rows it covers).
 */
public final class AggregateTable {
    public static final String TABLE = "livedb_aggregates";
    public static final String OFFSETS = "processor_sink_offsets";
    private static final String COLUMNS = "window_start, window_ms, dimension, dim_key, window_end, event_count, amount_sum,"
            + " amount_avg, amount_min, amount_max, events_per_s, updated_at";

    private AggregateTable() {
    }

    /** Idempotent DDL, the same on H2 (PostgreSQL mode) and PostgreSQL. */
    public static List<String> ddl() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + " window_start TIMESTAMP(3) WITH TIME ZONE NOT NULL,"
                        + " window_ms BIGINT NOT NULL,"
                        + " dimension VARCHAR(16) NOT NULL,"
                        + " dim_key VARCHAR(255) NOT NULL,"
                        + " window_end TIMESTAMP(3) WITH TIME ZONE NOT NULL,"
                        + " event_count BIGINT NOT NULL,"
                        + " amount_sum DECIMAL(20, 2) NOT NULL,"
                        + " amount_avg DECIMAL(20, 6) NOT NULL,"
                        + " amount_min DECIMAL(12, 2),"
                        + " amount_max DECIMAL(12, 2),"
                        + " events_per_s DOUBLE PRECISION NOT NULL,"
                        + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (window_start, window_ms, dimension, dim_key))",
                "CREATE TABLE IF NOT EXISTS " + OFFSETS + " ("
                        + " sink VARCHAR(200) NOT NULL,"
                        + " topic VARCHAR(249) NOT NULL,"
                        + " kafka_partition INT NOT NULL,"
                        + " next_offset BIGINT NOT NULL,"
                        + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (sink, topic, kafka_partition))");
    }

    static String upsert(Dialect d) {
        return d == Dialect.POSTGRESQL
                ? "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (window_start, window_ms, dimension, dim_key) DO UPDATE SET"
                        + " window_end = EXCLUDED.window_end, event_count = EXCLUDED.event_count,"
                        + " amount_sum = EXCLUDED.amount_sum, amount_avg = EXCLUDED.amount_avg,"
                        + " amount_min = EXCLUDED.amount_min, amount_max = EXCLUDED.amount_max,"
                        + " events_per_s = EXCLUDED.events_per_s, updated_at = EXCLUDED.updated_at"
                : "MERGE INTO " + TABLE + " (" + COLUMNS + ") KEY (window_start, window_ms, dimension, dim_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
     * Upserts the rows and the offsets they were read up to, in one transaction on {@code c}: either both are
     * stored or neither. The rows must be unique per key (PostgreSQL refuses to update a row twice in one statement).
     */
    static void write(Connection c, Dialect d, Collection<WindowAggregate> rows, String sink, Map<TopicPartition, Long> offsets)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        c.setAutoCommit(false);
        try {
            if (!rows.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(upsert(d))) {
                    for (WindowAggregate a : rows) {
                        ps.setObject(1, time(a.windowStartMs()));
                        ps.setLong(2, a.windowMs());
                        ps.setString(3, a.dimension());
                        ps.setString(4, a.key());
                        ps.setObject(5, time(a.windowEndMs()));
                        ps.setLong(6, a.count());
                        ps.setBigDecimal(7, a.sum());
                        ps.setBigDecimal(8, a.avg());
                        ps.setBigDecimal(9, a.min());
                        ps.setBigDecimal(10, a.max());
                        ps.setDouble(11, a.eventsPerS());
                        ps.setObject(12, now);
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

    private static OffsetDateTime time(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
