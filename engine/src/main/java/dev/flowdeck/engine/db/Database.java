package dev.flowdeck.engine.db;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipeline's database, H2 or PostgreSQL: opens connections with bounded timeouts, creates the schema
 * idempotently, and runs every write to {@code livedb} through {@link #write} so the CDC poller can tell when an id
 * gap is final.
 */
public final class Database {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int CONNECT_TIMEOUT_S = 5;
    /** The advisory lock key under which Flowdeck's programs create tables one at a time ("FDDL"). */
    private static final long DDL_LOCK = 0x4644444CL;

    private final DbSettings settings;
    private final Dialect dialect;
    private final WriteFence fence = new WriteFence();
    private final VisibilityHorizon horizon;
    private final ReadOnlyAccess readOnly;
    /** Embedded H2 only: see {@link #writing()}. One per database file in this JVM, whoever connects to it. */
    private static final ConcurrentMap<String, ReentrantLock> H2_WRITERS = new ConcurrentHashMap<>();
    private final ReentrantLock writers;
    /** How long a write transaction waits for its turn before it goes ahead beside the one holding it. */
    static final long TURN_WAIT_MS = 250;

    Database(DbSettings settings) {
        this.settings = settings;
        this.dialect = Dialect.of(settings.jdbcUrl());
        this.horizon = dialect == Dialect.POSTGRESQL ? new PostgresLockHorizon() : fence;
        this.readOnly = new ReadOnlyAccess(settings, dialect);
        this.writers = dialect == Dialect.POSTGRESQL ? null
                : H2_WRITERS.computeIfAbsent(settings.jdbcUrl(), url -> new ReentrantLock(true));
    }

    /** Connects once to check the settings (failing within seconds with a clear message) and creates the schema. */
    public static Database connect(DbSettings settings) {
        Database db = new Database(settings);
        try (Connection c = db.open()) {
            db.createSchema(c);
            db.readOnly.prepare(c);
        } catch (SQLException e) {
            throw new DatabaseException(db.describeFailure(e), e);
        }
        log.info("database ready: {} ({})", settings.safeUrl(), db.dialect);
        return db;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DbSettings settings() {
        return settings;
    }

    public VisibilityHorizon horizon() {
        return horizon;
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), properties());
    }

    /**
     * A new connection that the database keeps from writing (see {@link ReadOnlyAccess}); call
     * {@link #guardReadOnly} before each statement run on it.
     */
    public Connection openReadOnly() throws SQLException {
        return readOnly.open(properties());
    }

    /** Refuses a statement that could leave the read-only transaction; no-op on H2, whose reading user cannot write. */
    public void guardReadOnly(Connection readOnlyConnection, String sql) throws SQLException {
        readOnly.guard(readOnlyConnection, sql);
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("password", settings.password());
        if (dialect == Dialect.POSTGRESQL) {
            p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
            p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S + 3));
            p.setProperty("reWriteBatchedInserts", "true");
            p.setProperty("ApplicationName", "flowdeck");
            p.setProperty("tcpKeepAlive", "true");
        }
        return p;
    }

    /**
     * Runs {@code work} in one transaction that writes {@code livedb}: commits on return, rolls back on an
     * exception. The connection is left in auto-commit mode afterwards.
     */
    public <T> T write(Connection c, SqlWork<T> work) throws SQLException {
        try (WriteFence.Ticket ignored = fence.enter(); Writing serial = writing()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    /** A write transaction's turn on H2 (see {@link #writing()}); close it after commit or rollback. */
    public interface Writing extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for this transaction's turn to write, on embedded H2; on PostgreSQL returns at once. Every transaction that
     * writes (the writer's, the retention's, the processor sink's, the SQL page's, the change log's, the CDC's offset
     * copy) holds its turn from its first write until commit or rollback, so H2 sees one write transaction at a time.
     * A transaction waits at most {@link #TURN_WAIT_MS} for its turn, so one kept open for long delays only its own
     * rows.
     *
     * <p>Why: H2 2.x's MVStore loses track of which pages are still in use when write transactions of several sessions
     * overlap, and the chunks holding them are never rewritten or freed. A file whose oldest rows are trimmed while new
     * ones arrive then grows without end: 400 MB after 3 million rows with 200,000 kept when a trimmer ran beside the
     * writer, 14 MB when the same statements ran one transaction at a time, and 40 MB when the two sessions took turns
     * (a standalone reproduction, H2 2.5.252 and 2.3.232 alike). Taking turns costs little: MVStore already stores
     * commits one at a time, and the writer's transactions were the only long ones.
     */
    public Writing writing() {
        if (writers == null) {
            return () -> { };
        }
        try {
            if (writers.tryLock(TURN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return writers::unlock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A transaction kept open for long (a test's, or a slow statement on the SQL page) must delay only its own
        // rows: after a short wait the others go ahead beside it, and only that overlap can cost file space.
        return () -> { };
    }

    /** The fence writers enter; exposed for writers that manage their own transactions. */
    public WriteFence fence() {
        return fence;
    }

    void createSchema(Connection c) throws SQLException {
        runDdl(c, dialect.schema());
        try (Statement st = c.createStatement()) {
            for (String ddl : dialect.changeNotification()) {
                try {
                    st.execute(ddl);
                } catch (SQLException e) {
                    // without the trigger rows from other programs wait up to one poll interval; nothing is lost
                    log.warn("no change notifications from {}: {}", settings.safeUrl(), e.getMessage());
                }
            }
        }
    }

    /** Creates extra tables (e.g. the processor's sink) idempotently. */
    public void execute(String... ddl) throws SQLException {
        try (Connection c = open()) {
            runDdl(c, List.of(ddl));
        }
    }

    /**
     * Runs idempotent DDL. On PostgreSQL, {@code CREATE TABLE IF NOT EXISTS} is not safe against itself: two
     * programs starting at once on a fresh database (a run and its workers) can both find the table missing, and one
     * fails with a duplicate key in {@code pg_type}. So they take turns, under a transaction-scoped advisory lock.
     */
    private void runDdl(Connection c, List<String> ddl) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                st.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
            }
            for (String sql : ddl) {
                st.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** A message for a failed connection attempt that names the database and says what to check. */
    public String describeFailure(SQLException e) {
        // drivers echo the URL (and H2 statements with PASSWORD '...'): mask before it reaches a message or a log
        String reason = Secrets.redactUrl(rootMessage(e));
        if (!settings.password().isEmpty()) {
            reason = reason.replace(settings.password(), Secrets.MASK);
        }
        String what = "cannot use the database at " + settings.safeUrl()
                + (settings.user().isEmpty() ? "" : " as user '" + settings.user() + "'") + ": " + reason;
        if (dialect == Dialect.POSTGRESQL) {
            if (reason.contains("password authentication failed") || reason.contains("no password")) {
                return what + ". Check --db-user and the FLOWDECK_DB_PASSWORD environment variable.";
            }
            if (reason.contains("does not exist")) {
                return what + ". Create the database first (createdb) or fix the name in --jdbc-url.";
            }
            return what + ". Check --jdbc-url and that PostgreSQL is running and reachable.";
        }
        return what + ". Check the JDBC URL and that the folder is writable and not used by another process.";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = message.contains(t.getMessage()) ? message : message + " (" + t.getMessage() + ")";
            }
        }
        return message;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed: {}", e.getMessage());
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            log.debug("could not restore auto-commit: {}", e.getMessage());
        }
    }

    /** Closes a connection that is being discarded (after a failure or at stop); a failure to close changes nothing. */
    public static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
        }
    }
}
