package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.db.Database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sample queries for the pipeline's tables; the same SQL runs on H2 (PostgreSQL mode) and PostgreSQL. */
public final class SqlSamples {
    private SqlSamples() {
    }

    /** The fixed samples plus one per aggregates table found in the database. */
    public static List<SqlSample> forDatabase(Database db) {
        List<SqlSample> out = new ArrayList<>(fixed());
        try (Connection c = db.open()) {
            for (String table : tablesLike(c, "aggregat")) {
                out.add(new SqlSample("Aggregates: " + table, "SELECT * FROM " + table + " LIMIT 200"));
            }
        } catch (SQLException e) {
            // the fixed samples still work; the aggregates table appears once the database answers
        }
        return out;
    }

    public static List<SqlSample> fixed() {
        return List.of(
                new SqlSample("Totals per region",
                        "SELECT region, COUNT(*) AS row_count, SUM(amount) AS total_amount, AVG(amount) AS avg_amount\n"
                                + "FROM livedb\nGROUP BY region\nORDER BY total_amount DESC"),
                new SqlSample("Rows per minute (last hour)",
                        "SELECT minute_start, COUNT(*) AS row_count\n"
                                + "FROM (SELECT date_trunc('minute', created_at) AS minute_start FROM livedb\n"
                                + "      WHERE created_at > CURRENT_TIMESTAMP - INTERVAL '1' HOUR) t\n"
                                + "GROUP BY minute_start\nORDER BY minute_start DESC"),
                new SqlSample("Latest rows", "SELECT *\nFROM livedb\nORDER BY id DESC\nLIMIT 100"),
                new SqlSample("Row count and id range",
                        "SELECT COUNT(*) AS row_count, MIN(id) AS min_id, MAX(id) AS max_id,\n"
                                + "       MIN(created_at) AS first_at, MAX(created_at) AS last_at\nFROM livedb"),
                new SqlSample("CDC offsets", "SELECT connector, watermark, events_published, updated_at, published_ranges\n"
                        + "FROM cdc_offsets"),
                new SqlSample("Tables",
                        "SELECT table_schema, table_name\nFROM information_schema.tables\n"
                                + "WHERE LOWER(table_schema) NOT IN ('pg_catalog', 'information_schema')\n"
                                + "ORDER BY table_schema, table_name"));
    }

    private static List<String> tablesLike(Connection c, String part) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME");
                String s = schema == null ? "" : schema.toLowerCase(Locale.ROOT);
                if (name.toLowerCase(Locale.ROOT).contains(part) && !s.equals("information_schema") && !s.equals("pg_catalog")) {
                    out.add(s.isEmpty() || s.equals("public") ? name : schema + "." + name);
                }
            }
        }
        out.sort(null);
        return out;
    }
}
