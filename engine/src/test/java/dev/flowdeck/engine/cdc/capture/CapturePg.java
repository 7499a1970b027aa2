package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.testing.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** A test's own PostgreSQL schema with capture tables, slot and publication named after it. */
final class CapturePg implements AutoCloseable {
    final DbSettings db;
    final String schema;
    final String slot;
    final String publication;

    CapturePg() {
        db = TestDatabases.freshPostgresSchema();
        schema = db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length());
        slot = "fdtest_" + schema;
        publication = "fdpub_" + schema;
    }

    TableId table(String name) {
        return new TableId(schema, name);
    }

    CaptureSettings settings(String... tables) {
        return CaptureSettings.of(java.util.Arrays.stream(tables).map(this::table).toList(), null)
                .withSlotName(slot).withPublicationName(publication).withTopicPrefix("fd" + schema);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** key text as {@link ChangeReplay} writes it -> version. */
    Map<String, Long> versions(String table, String... keyColumns) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", keyColumns) + ", version FROM " + table)) {
            while (rs.next()) {
                Map<String, Object> key = new TreeMap<>();
                for (int i = 0; i < keyColumns.length; i++) {
                    key.put(keyColumns[i], rs.getLong(i + 1));
                }
                out.put(String.valueOf(key), rs.getLong(keyColumns.length + 1));
            }
        }
        return out;
    }

    boolean slotExists() throws SQLException {
        return count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'") > 0;
    }

    boolean publicationExists() throws SQLException {
        return count("SELECT count(*) FROM pg_publication WHERE pubname = '" + publication + "'") > 0;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND NOT active");
            st.execute("DROP PUBLICATION IF EXISTS " + publication);
        } catch (SQLException e) {
            // best effort: a leftover slot of a failed test is named after its schema and dropped by the next clean-up
        }
        TestDatabases.dropPostgresSchema(db);
    }
}
