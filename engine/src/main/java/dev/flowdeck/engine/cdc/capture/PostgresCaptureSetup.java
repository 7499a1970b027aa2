package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.DbSettings;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What log-based capture needs in PostgreSQL, checked before anything is made (so bad input leaves nothing behind):
 * {@code wal_level=logical}, the REPLICATION privilege, the tables with their primary keys, a slot no other process
 * uses. Then it makes the publication of the chosen tables and sets their REPLICA IDENTITY FULL (so updates and
 * deletes carry the whole old row as {@code before}); and {@link #release} drops the slot and publication.
 */
final class PostgresCaptureSetup {
    private static final Logger log = LoggerFactory.getLogger(PostgresCaptureSetup.class);
    private static final int TIMEOUT_S = 5;
    /** The first key of Flowdeck's advisory locks (the second is the slot name's hash). */
    private static final int LOCK_CLASS = 70_11;

    /** The slot as PostgreSQL reports it. */
    record SlotState(boolean exists, boolean active, Integer activePid, long retainedWalBytes) {
    }

    private final DbSettings db;
    private final String slot;
    private final String publication;

    PostgresCaptureSetup(DbSettings db, String slot, String publication) {
        this.db = db;
        this.slot = slot;
        this.publication = publication;
    }

    /** The URL's host, port and database, as PgJDBC reads them. */
    static Properties urlParts(DbSettings db) {
        Properties p = Driver.parseURL(db.jdbcUrl(), new Properties());
        if (p == null) {
            throw new CaptureException(CaptureException.Reason.UNSUPPORTED, "cannot read the JDBC URL " + db.safeUrl()
                    + ": write it as jdbc:postgresql://host:5432/database");
        }
        return p;
    }

    static String databaseName(DbSettings db) {
        return urlParts(db).getProperty("PGDBNAME");
    }

    Connection open() {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("connectTimeout", Integer.toString(TIMEOUT_S));
        p.setProperty("loginTimeout", Integer.toString(TIMEOUT_S));
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "flowdeck-capture");
        try {
            return DriverManager.getConnection(db.jdbcUrl(), p);
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, "cannot reach the database at "
                    + db.safeUrl() + (db.user().isEmpty() ? "" : " as user '" + db.user() + "'") + ": " + e.getMessage()
                    + ". Check --jdbc-url, --db-user, FLOWDECK_DB_PASSWORD and that PostgreSQL is running.", e);
        }
    }

    /**
     * Checks everything that can be wrong before anything is created; returns the tables as the database spells
     * them, with their keys and row estimates.
     */
    List<TableCatalog.TableInfo> check(List<TableId> tables) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_S);
            String walLevel = single(st, "SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                throw new CaptureException(CaptureException.Reason.WAL_LEVEL, "PostgreSQL's setting wal_level is '"
                        + walLevel + "', but log-based capture needs wal_level = logical. On your own server run"
                        + " ALTER SYSTEM SET wal_level = logical; as a superuser and restart PostgreSQL. Hosted services have"
                        + " a switch for it instead (Neon: Project settings > Beta > Logical replication; Amazon RDS:"
                        + " rds.logical_replication = 1 in the parameter group).");
            }
            String user = single(st, "SELECT current_user");
            if (!"true".equals(single(st, "SELECT (rolreplication OR rolsuper)::text FROM pg_roles WHERE rolname = current_user"))) {
                throw new CaptureException(CaptureException.Reason.NO_REPLICATION_PRIVILEGE, "the user '" + user
                        + "' may not read the database's log: it lacks the REPLICATION privilege. As a superuser run"
                        + " ALTER ROLE " + user + " REPLICATION; (hosted services: use the role they mark for replication,"
                        + " e.g. Neon's database owner once logical replication is on)");
            }
            List<TableCatalog.TableInfo> resolved = TableCatalog.resolve(c, tables);
            SlotState s = slotState(c);
            if (s.active()) {
                throw new CaptureException(CaptureException.Reason.SLOT_IN_USE, "the replication slot '" + slot
                        + "' is in use by another process (PostgreSQL backend PID " + s.activePid() + "): is another"
                        + " Flowdeck capture of this database running? Stop it first; one slot serves one reader at a time.");
            }
            return resolved;
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, "cannot check the database at "
                    + db.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims the slot for this process: a session advisory lock, held on the returned connection for as long as the
     * capture runs (PostgreSQL releases it when the connection ends, also when the process is killed). The slot's own
     * "active" flag is not enough: while Debezium takes its snapshot the slot exists but nobody streams from it yet.
     */
    Connection claim() {
        Connection c = open();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", hashtext(?))")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return c;
                }
            }
            String pid = single(c, "SELECT string_agg(pid::text, ', ') FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    + " AND classid = " + LOCK_CLASS + " AND objsubid = 2 AND objid::bigint = (hashtext(?)::bigint & 4294967295)", slot);
            c.close();
            throw new CaptureException(CaptureException.Reason.SLOT_IN_USE, "the replication slot '" + slot + "' is in use"
                    + " by another process (a Flowdeck capture, PostgreSQL backend PID " + pid + "): stop it first; one slot"
                    + " serves one reader at a time.");
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure
            }
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, "cannot claim the replication slot '"
                    + slot + "': " + e.getMessage(), e);
        }
    }

    /** Sets REPLICA IDENTITY FULL where it is not, and makes the publication name exactly these tables. */
    void prepare(List<TableId> tables) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            for (TableId t : tables) {
                String identity = single(c, "SELECT c.relreplident::text FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE n.nspname = ? AND c.relname = ?", t.schema(), t.table());
                if (!"f".equals(identity)) {
                    st.execute("ALTER TABLE " + quoted(t) + " REPLICA IDENTITY FULL");
                    log.info("set REPLICA IDENTITY FULL on {} so that updates and deletes carry the old row", t);
                }
            }
            String list = tables.stream().map(PostgresCaptureSetup::quoted).collect(Collectors.joining(", "));
            if (publishedTables(c).isEmpty() && !publicationExists(c)) {
                st.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + list);
                log.info("created publication {} for {}", publication, list);
            } else if (!publishedTables(c).equals(names(tables))) {
                st.execute("ALTER PUBLICATION " + publication + " SET TABLE " + list);
                log.info("publication {} now covers {}", publication, list);
            }
        } catch (SQLException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("must be owner")
                    ? ". Flowdeck sets REPLICA IDENTITY FULL and creates a publication, which needs the tables' owner: run"
                    + " the capture as the owner, or have the owner run ALTER TABLE ... REPLICA IDENTITY FULL and"
                    + " CREATE PUBLICATION " + publication + " FOR TABLE ..." : "";
            throw new CaptureException(CaptureException.Reason.FAILED, "cannot prepare the tables for capture: "
                    + e.getMessage() + hint, e);
        }
    }

    /** The tables the publication covers now (schema.table), empty if it does not exist. */
    Set<String> publishedTables() {
        try (Connection c = open()) {
            return publishedTables(c);
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, e.getMessage(), e);
        }
    }

    SlotState slotState() {
        try (Connection c = open()) {
            return slotState(c);
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, e.getMessage(), e);
        }
    }

    /** Drops the slot (if no process uses it) so it stops holding WAL back. */
    boolean dropSlot() {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                boolean dropped = rs.next();
                if (dropped) {
                    log.info("dropped replication slot {}", slot);
                }
                return dropped;
            }
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.FAILED, "cannot drop the replication slot '" + slot + "': "
                    + e.getMessage(), e);
        }
    }

    /** Drops the slot and the publication; fails if the slot is in use. Returns what was dropped, for the summary. */
    List<String> release() {
        List<String> dropped = new ArrayList<>();
        try (Connection c = open(); Statement st = c.createStatement()) {
            SlotState s = slotState(c);
            if (s.active()) {
                throw new CaptureException(CaptureException.Reason.SLOT_IN_USE, "the replication slot '" + slot + "' is in"
                        + " use by PostgreSQL backend PID " + s.activePid() + ": stop the capture that reads it first");
            }
            if (s.exists() && dropSlot()) {
                dropped.add("replication slot " + slot);
            }
            if (publicationExists(c)) {
                st.execute("DROP PUBLICATION " + publication);
                dropped.add("publication " + publication);
            }
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.FAILED, "cannot release the capture: " + e.getMessage(), e);
        }
        return dropped;
    }

    private SlotState slotState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active, active_pid, COALESCE(pg_current_wal_lsn() -"
                + " restart_lsn, 0)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new SlotState(false, false, null, 0);
                }
                int pid = rs.getInt(2);
                return new SlotState(true, rs.getBoolean(1), rs.wasNull() ? null : pid, rs.getLong(3));
            }
        }
    }

    private boolean publicationExists(Connection c) throws SQLException {
        return single(c, "SELECT count(*)::text FROM pg_publication WHERE pubname = ?", publication).equals("1");
    }

    private Set<String> publishedTables(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return out;
    }

    static Set<String> names(List<TableId> tables) {
        return tables.stream().map(TableId::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String quoted(TableId t) {
        return "\"" + t.schema() + "\".\"" + t.table() + "\"";
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        }
    }

    private static String single(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "";
            }
        }
    }
}
