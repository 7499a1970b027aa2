package dev.flowdeck.engine.cdc.capture;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tables of a database (PostgreSQL or H2) that a capture could choose: schema, primary key and a row estimate;
 * and the check that chosen tables exist and have a primary key (events are keyed by it).
 */
public final class TableCatalog {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    /** One table: its primary key columns in key order (empty if none) and about how many rows it holds (-1: unknown). */
    public record TableInfo(TableId id, List<String> primaryKey, long rowEstimate) {
        public TableInfo {
            primaryKey = List.copyOf(primaryKey);
        }

        public boolean hasPrimaryKey() {
            return !primaryKey.isEmpty();
        }
    }

    private TableCatalog() {
    }

    /** Every ordinary table outside the system schemas, sorted by schema and name. */
    public static List<TableInfo> list(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        boolean postgres = md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        List<TableId> ids = new ArrayList<>();
        try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                String schema = rs.getString("TABLE_SCHEM");
                if ((type.equals("TABLE") || type.equals("BASE TABLE") || type.equals("PARTITIONED TABLE"))
                        && schema != null && !SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                    try {
                        ids.add(new TableId(schema, rs.getString("TABLE_NAME")));
                    } catch (IllegalArgumentException e) {
                        // a name that needs quoting: Flowdeck's topics and settings cannot name it, so it is not offered
                    }
                }
            }
        }
        Map<TableId, Long> estimates = postgres ? postgresEstimates(c) : h2Estimates(c);
        List<TableInfo> out = new ArrayList<>();
        for (TableId id : ids) {
            out.add(new TableInfo(id, primaryKey(md, c.getCatalog(), id), estimates.getOrDefault(id, -1L)));
        }
        out.sort(Comparator.comparing((TableInfo t) -> t.id().schema()).thenComparing(t -> t.id().table()));
        return out;
    }

    /**
     * The chosen tables as the database spells them, each checked: it exists and has a primary key. Fails with the
     * first problem, naming the table and what to do.
     */
    public static List<TableInfo> resolve(Connection c, List<TableId> wanted) throws SQLException {
        List<TableInfo> all = list(c);
        List<TableInfo> out = new ArrayList<>();
        for (TableId w : wanted) {
            TableInfo found = all.stream().filter(t -> t.id().equals(w)).findFirst()
                    .or(() -> all.stream().filter(t -> t.id().sameIgnoringCase(w)).findFirst())
                    .orElseThrow(() -> new CaptureException(CaptureException.Reason.NO_SUCH_TABLE, "table " + w
                            + " does not exist in this database" + (all.isEmpty() ? " (it has no tables)" : "; its tables are: "
                            + all.stream().limit(20).map(t -> t.id().toString()).collect(Collectors.joining(", "))
                            + (all.size() > 20 ? ", ..." : ""))));
            if (!found.hasPrimaryKey()) {
                throw new CaptureException(CaptureException.Reason.NO_PRIMARY_KEY, "table " + found.id()
                        + " has no primary key, so it cannot be captured: every change event is keyed by the primary key."
                        + " Add one (ALTER TABLE " + found.id() + " ADD PRIMARY KEY (...)) or leave the table out");
            }
            out.add(found);
        }
        return out;
    }

    private static List<String> primaryKey(DatabaseMetaData md, String catalog, TableId id) throws SQLException {
        Map<Integer, String> bySeq = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, id.schema(), id.table())) {
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(bySeq.values());
    }

    private static Map<TableId, Long> postgresEstimates(Connection c) throws SQLException {
        // reltuples is -1 until the table is first vacuumed or analysed; the statistics' live-row count fills in then
        String sql = "SELECT n.nspname, c.relname, CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint"
                + " ELSE COALESCE(s.n_live_tup, -1) END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relkind IN ('r', 'p')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        return estimates(c, sql);
    }

    private static Map<TableId, Long> h2Estimates(Connection c) throws SQLException {
        return estimates(c, "SELECT TABLE_SCHEMA, TABLE_NAME, ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND LOWER(TABLE_SCHEMA) <> 'information_schema'");
    }

    private static Map<TableId, Long> estimates(Connection c, String sql) throws SQLException {
        Map<TableId, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    out.put(new TableId(rs.getString(1), rs.getString(2)), rs.getLong(3));
                } catch (IllegalArgumentException e) {
                    // a name that needs quoting: not offered (see list)
                }
            }
        }
        return out;
    }
}
