package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the identity sequence of {@code livedb.id} has handed out. The CDC settles an id gap only up to this value:
 * a row inserted with an explicit id far above it ({@code INSERT … (id, …) VALUES (100000000, …)}) is published, but
 * the ids between the sequence and that row will still be handed out, so they are not declared final.
 */
public final class IdSequence {
    private IdSequence() {
    }

    /** The highest id the sequence has handed out (0: none). */
    public static long allocatedUpTo(Connection c, Dialect dialect) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('livedb', 'id')::regclass), 0)"
                // H2: the base is the next value to hand out; its cache only says how often it is written to disk
                : "SELECT identity_base - 1 FROM information_schema.columns"
                        + " WHERE table_schema = CURRENT_SCHEMA AND table_name = 'livedb' AND column_name = 'id'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * PostgreSQL: how many values each session takes from the sequence at a time. Above 1 a session can insert an id
     * long after higher ids were committed by others, with no transaction open in between, which no visibility
     * horizon can see; the CDC refuses such a sequence. H2 hands out values in order whatever its cache: 1.
     */
    public static long sessionCache(Connection c, Dialect dialect) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return 1;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT seqcache FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('livedb', 'id')::regclass")) {
            return rs.next() ? rs.getLong(1) : 1;
        }
    }

    /** The highest id in the table (0: empty). */
    public static long maxId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM livedb")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
