package dev.flowdeck.engine.db;

import dev.flowdeck.engine.config.DbSettings;
import org.postgresql.PGProperty;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Connections that the database itself keeps from writing, for SQL typed by a person in read-only mode. Parsing the
 * text cannot promise that (H2's {@code //} comments, file functions, the driver's own statement splitting), so:
 * <ul>
 *   <li><b>H2</b>: a user that is not an admin and holds only {@code SELECT} on the schema. H2 refuses it every
 *   write, DDL, and the file functions ({@code FILE_WRITE}, {@code CSVWRITE}, {@code SCRIPT TO}, {@code LINK_SCHEMA}),
 *   which need admin rights. Its password is random per process and set again at every start, so nothing outside
 *   this JVM can log in with it.</li>
 *   <li><b>PostgreSQL</b>: a session whose transactions are read-only ({@code default_transaction_read_only} and the
 *   driver's {@code BEGIN READ ONLY}), the extended query protocol (one statement per Parse: the server itself refuses
 *   a second one), and a check before each statement that the driver sees exactly one statement in it and that the
 *   transaction really is read-only, so neither {@code COMMIT; DELETE ...} nor URL options can walk around it.</li>
 * </ul>
 */
public final class ReadOnlyAccess {
    private static final Logger log = LoggerFactory.getLogger(ReadOnlyAccess.class);
    /** The H2 user that may only read. */
    public static final String H2_READER = "flowdeck_reader";
    private static final Set<String> H2_ADMIN_SETTINGS = Set.of("WRITE_DELAY", "CACHE_SIZE", "DEFAULT_LOCK_TIMEOUT",
            "TRACE_LEVEL_FILE", "TRACE_LEVEL_SYSTEM_OUT", "RETENTION_TIME", "MAX_LOG_SIZE", "INIT");
    private static final String H2_READER_PASSWORD = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    private final DbSettings settings;
    private final Dialect dialect;
    private volatile boolean h2ReaderReady;

    ReadOnlyAccess(DbSettings settings, Dialect dialect) {
        this.settings = settings;
        this.dialect = dialect;
    }

    /**
     * Creates (or refreshes) the H2 reading user, idempotently, through an admin connection. Without admin rights
     * the configured user is not an admin either, and read-only runs use it as it is.
     */
    void prepare(Connection admin) {
        if (dialect != Dialect.H2) {
            return;
        }
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE USER IF NOT EXISTS " + H2_READER + " PASSWORD '" + H2_READER_PASSWORD + "'");
            st.execute("ALTER USER " + H2_READER + " SET PASSWORD '" + H2_READER_PASSWORD + "'");
            st.execute("GRANT SELECT ON SCHEMA public TO " + H2_READER);
            h2ReaderReady = true;
        } catch (SQLException e) {
            log.warn("no read-only user in the H2 database ({}); read-only SQL runs as '{}', who is no admin",
                    e.getMessage(), settings.user());
        }
    }

    /** A connection for read-only SQL; the caller closes it and calls {@link #guard} before each statement. */
    Connection open(Properties base) throws SQLException {
        if (dialect == Dialect.H2) {
            if (!h2ReaderReady) {
                return DriverManager.getConnection(settings.jdbcUrl(), base);
            }
            Properties p = new Properties();
            p.setProperty("user", H2_READER);
            p.setProperty("password", H2_READER_PASSWORD);
            return DriverManager.getConnection(h2ReaderUrl(settings.jdbcUrl()), p);
        }
        Properties p = new Properties();
        p.putAll(base);
        p.setProperty(PGProperty.PREFER_QUERY_MODE.getName(), PreferQueryMode.EXTENDED.value());
        p.setProperty(PGProperty.READ_ONLY.getName(), "true");
        p.setProperty(PGProperty.READ_ONLY_MODE.getName(), "always");
        p.setProperty(PGProperty.OPTIONS.getName(), "-c default_transaction_read_only=on");
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), p);
        PreferQueryMode mode = c.unwrap(BaseConnection.class).getQueryExecutor().getPreferQueryMode();
        if (mode == PreferQueryMode.SIMPLE || mode == PreferQueryMode.EXTENDED_FOR_PREPARED) {
            c.close();
            throw new ReadOnlyRefusal("read-only mode needs the extended query protocol, but the JDBC URL sets "
                    + "preferQueryMode=" + mode.value() + ". Remove it from the URL to use read-only SQL.");
        }
        return c;
    }

    /**
     * The H2 URL for the reading user: without the database-wide settings that only an admin may set (the admin's
     * connection has set them already) and never creating a database.
     */
    static String h2ReaderUrl(String url) {
        StringBuilder out = new StringBuilder();
        for (String part : url.split(";")) {
            String key = part.contains("=") ? part.substring(0, part.indexOf('=')).strip().toUpperCase(Locale.ROOT) : "";
            if (!H2_ADMIN_SETTINGS.contains(key) && !key.equals("IFEXISTS")) {
                out.append(out.length() == 0 ? "" : ";").append(part);
            }
        }
        return out.append(";IFEXISTS=TRUE").toString();
    }

    /**
     * Before each statement on PostgreSQL, in the transaction it will run in: the driver must see exactly one
     * statement (else it would send several, and a {@code COMMIT} among them would end the read-only transaction),
     * and the transaction must be read-only whatever the URL's options say.
     */
    void guard(Connection c, String sql) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        var query = c.unwrap(BaseConnection.class).createQuery(sql, true, false).query;
        if (query.getSubqueries() != null && query.getSubqueries().length > 1) {
            throw new ReadOnlyRefusal("read-only mode: the PostgreSQL driver reads this as "
                    + query.getSubqueries().length + " statements, so it was not run. Run one statement at a time "
                    + "(or turn on 'Allow writes').");
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW transaction_read_only")) {
            if (!rs.next() || !"on".equals(rs.getString(1))) {
                throw new ReadOnlyRefusal("read-only mode: the transaction is not read-only (the JDBC URL's options "
                        + "or readOnlyMode override it), so nothing was run. Remove them from the URL.");
            }
        }
    }

    /** Flowdeck refused to run a statement because it could not make the run read-only. */
    public static final class ReadOnlyRefusal extends SQLException {
        private static final long serialVersionUID = 1L;

        ReadOnlyRefusal(String message) {
            super(message);
        }
    }
}
