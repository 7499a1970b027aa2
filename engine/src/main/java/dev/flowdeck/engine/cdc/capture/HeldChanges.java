package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.cdc.capture.h2.ChangeLog;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the database keeps for a capture until it reads on: on PostgreSQL each replication slot of this database with
 * the WAL it holds back from removal ({@code pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)}); on H2 the rows
 * waiting in the change log. Both grow without bound while nothing reads them.
 *
 * @param name   the slot's name, or the change log's table
 * @param active a process is reading the slot now (PostgreSQL); on H2 always false
 * @param amount bytes of WAL (PostgreSQL) or rows (H2)
 * @param bytes  true if {@code amount} is bytes, false if rows
 */
public record HeldChanges(String name, boolean active, long amount, boolean bytes) {
    public static List<HeldChanges> in(Database db) throws SQLException {
        List<HeldChanges> out = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            if (db.dialect() == Dialect.POSTGRESQL) {
                try (ResultSet rs = st.executeQuery("SELECT slot_name, active, COALESCE(pg_wal_lsn_diff("
                        + "pg_current_wal_lsn(), restart_lsn), 0)::bigint FROM pg_replication_slots"
                        + " WHERE database = current_database() ORDER BY slot_name")) {
                    while (rs.next()) {
                        out.add(new HeldChanges(rs.getString(1), rs.getBoolean(2), rs.getLong(3), true));
                    }
                }
            } else if (ChangeLog.exists(c)) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + ChangeLog.TABLE)) {
                    rs.next();
                    out.add(new HeldChanges(ChangeLog.TABLE, false, rs.getLong(1), false));
                }
            }
        }
        return out;
    }
}
