package dev.flowdeck.engine.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Which {@code livedb} table this is, read from the database itself rather than from the URL text: on PostgreSQL the
 * cluster's system identifier, the database oid and the table oid; on H2 a random id stored in the database when its
 * schema is made ({@value #H2_META_TABLE}). So {@code localhost} and {@code 127.0.0.1} (or {@code /x/./d} and
 * {@code /x/d}) name the same source, while a database dropped and made again, a new schema, or a deleted H2 folder
 * name a new one, and the CDC never takes another table's watermark for its own.
 *
 * @param fingerprint what identifies the table, e.g. {@code pg:7642011472967116994:16395:16420}
 * @param description the same for people, e.g. {@code PostgreSQL system 7642…, database fdt15 (oid 16395), table public.livedb (oid 16420)}
 */
public record SourceIdentity(String fingerprint, String description) {
    public static final String H2_META_TABLE = "flowdeck_meta";
    static final String H2_DATABASE_ID = "database_id";

    /** Idempotent H2 DDL: the metadata table and this database's random id, made once with the schema. */
    static java.util.List<String> h2Schema() {
        return java.util.List.of(
                "CREATE TABLE IF NOT EXISTS " + H2_META_TABLE + " (meta_key VARCHAR(100) PRIMARY KEY, meta_value VARCHAR(200) NOT NULL)",
                "INSERT INTO " + H2_META_TABLE + " (meta_key, meta_value) SELECT '" + H2_DATABASE_ID + "', CAST(RANDOM_UUID() AS VARCHAR)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + H2_META_TABLE + " WHERE meta_key = '" + H2_DATABASE_ID + "')");
    }

    /** Reads the identity of the {@code livedb} table that {@code c} sees (schema made by {@link Database#connect}). */
    public static SourceIdentity read(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                try (ResultSet rs = st.executeQuery("SELECT (SELECT system_identifier FROM pg_control_system()),"
                        + " d.oid, current_database(), t.oid, n.nspname"
                        + " FROM pg_database d, pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " WHERE d.datname = current_database() AND t.oid = 'livedb'::regclass")) {
                    rs.next();
                    return new SourceIdentity("pg:" + rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getLong(4),
                            "PostgreSQL system " + rs.getString(1) + ", database " + rs.getString(3) + " (oid " + rs.getLong(2)
                                    + "), table " + rs.getString(5) + ".livedb (oid " + rs.getLong(4) + ")");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT meta_value FROM " + H2_META_TABLE + " WHERE meta_key = '" + H2_DATABASE_ID + "'")) {
                if (!rs.next()) {
                    throw new SQLException("the H2 database has no " + H2_DATABASE_ID + " in " + H2_META_TABLE);
                }
                String id = rs.getString(1);
                return new SourceIdentity("h2:" + id, "H2 database " + id);
            }
        }
    }

    /** A short stable name: the key of the CDC's offset record, e.g. {@code livedb-pg-3fa2…}. */
    public String connector() {
        return connectorPrefix(kind()) + hash(fingerprint, 6);
    }

    /** The kind of database: {@code pg} or {@code h2}. */
    public String kind() {
        return fingerprint.substring(0, fingerprint.indexOf(':'));
    }

    /** How the {@link #connector()} names of every database of one {@link #kind()} begin, e.g. {@code livedb-h2-}. */
    public static String connectorPrefix(String kind) {
        return "livedb-" + kind + "-";
    }

    /** The first {@code bytes} of SHA-256 of {@code text}, in hex. */
    public static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
