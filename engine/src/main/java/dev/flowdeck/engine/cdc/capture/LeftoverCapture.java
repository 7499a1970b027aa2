package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.cdc.capture.h2.ChangeLog;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an earlier capture with the default settings (the console's) left in the database: on H2 the tables with
 * capture triggers, on PostgreSQL the default replication slot of this database and the tables of the default
 * publication. Its settings let the console release it (the same path as {@code ./flowdeck capture --release})
 * without starting a capture first.
 */
public final class LeftoverCapture {
    private LeftoverCapture() {
    }

    /** The settings of the leftover capture, or empty if the database holds nothing for one. */
    public static Optional<CaptureSettings> find(Database db, Path dataDir) throws SQLException {
        try (Connection c = db.open()) {
            if (db.dialect() != Dialect.POSTGRESQL) {
                List<TableId> tables = ChangeLog.triggeredTables(c);
                return tables.isEmpty() ? Optional.empty() : Optional.of(CaptureSettings.of(tables, dataDir));
            }
            boolean slot;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_replication_slots"
                    + " WHERE slot_name = ? AND database = current_database()")) {
                ps.setString(1, CaptureSettings.defaultSlotName(c.getCatalog()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    slot = rs.getLong(1) > 0;
                }
            }
            List<TableId> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT schemaname, tablename FROM pg_publication_tables"
                    + " WHERE pubname = ? ORDER BY 1, 2")) {
                ps.setString(1, CaptureSettings.DEFAULT_PUBLICATION);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(new TableId(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            if (!slot && tables.isEmpty()) {
                return Optional.empty();
            }
            if (tables.isEmpty()) {
                // a slot without its publication's tables: releasing it needs the slot's name only, not the tables
                tables.add(new TableId("public", "unknown"));
            }
            return Optional.of(CaptureSettings.of(tables, dataDir));
        }
    }
}
