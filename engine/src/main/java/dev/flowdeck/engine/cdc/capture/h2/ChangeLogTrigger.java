package dev.flowdeck.engine.cdc.capture.h2;

import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;
import dev.flowdeck.engine.cdc.capture.ChangeOp;
import dev.flowdeck.engine.metrics.Clocks;
import org.h2.api.Trigger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * H2 row trigger installed on each captured table: appends every insert, update and delete to the change log
 * ({@link ChangeLog#TABLE}) in the writer's own transaction, so a rollback leaves nothing behind and a commit makes
 * the change and its log row visible together. Rows are written as the JSON objects of the change envelope (key =
 * primary key columns). An update that changes the primary key is logged as a delete of the old key and an insert
 * of the new one, as Debezium does.
 *
 * <p>H2 creates one instance per trigger and calls it from every session, so the column list is guarded; it is read
 * again when a row's width changes (a column added or dropped while capturing).
 */
public final class ChangeLogTrigger implements Trigger {
    private String schema;
    private String table;
    private volatile Columns columns;

    /** The table's columns in order and the positions of its primary key columns. */
    private record Columns(List<String> names, int[] keyPositions) {
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        this.schema = schemaName;
        this.table = tableName;
        this.columns = readColumns(conn);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Columns cols = columnsFor(conn, oldRow != null ? oldRow.length : newRow.length);
        if (oldRow == null) {
            append(conn, ChangeOp.CREATE, key(cols, newRow), null, row(cols, newRow));
        } else if (newRow == null) {
            append(conn, ChangeOp.DELETE, key(cols, oldRow), row(cols, oldRow), null);
        } else {
            byte[] oldKey = key(cols, oldRow);
            byte[] newKey = key(cols, newRow);
            if (java.util.Arrays.equals(oldKey, newKey)) {
                append(conn, ChangeOp.UPDATE, newKey, row(cols, oldRow), row(cols, newRow));
            } else {
                append(conn, ChangeOp.DELETE, oldKey, row(cols, oldRow), null);
                append(conn, ChangeOp.CREATE, newKey, null, row(cols, newRow));
            }
        }
    }

    private Columns columnsFor(Connection conn, int width) throws SQLException {
        Columns c = columns;
        if (c.names().size() == width) {
            return c;
        }
        synchronized (this) {
            if (columns.names().size() != width) {
                columns = readColumns(conn);
            }
            return columns;
        }
    }

    private void append(Connection conn, ChangeOp op, byte[] key, byte[] before, byte[] after) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(ChangeLog.APPEND)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, op.code());
            ps.setString(4, text(key));
            ps.setString(5, text(before));
            ps.setString(6, text(after));
            ps.setLong(7, Clocks.nowMicros());
            ps.executeUpdate();
        }
    }

    private static String text(byte[] json) {
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    private static byte[] key(Columns cols, Object[] row) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int p : cols.keyPositions()) {
            key.put(cols.names().get(p), row[p]);
        }
        return ChangeEnvelope.key(key);
    }

    private static byte[] row(Columns cols, Object[] row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < row.length && i < cols.names().size(); i++) {
            m.put(cols.names().get(i), row[i]);
        }
        return ChangeEnvelope.key(m);
    }

    private Columns readColumns(Connection conn) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        Map<Integer, String> keyBySeq = new TreeMap<>();
        try (ResultSet rs = conn.getMetaData().getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                keyBySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        if (keyBySeq.isEmpty()) {
            throw new SQLException("table " + schema + "." + table + " has no primary key; Flowdeck's capture trigger needs one");
        }
        int[] positions = keyBySeq.values().stream().mapToInt(names::indexOf).toArray();
        return new Columns(List.copyOf(names), positions);
    }
}
