package dev.flowdeck.engine.testing;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: a fresh H2 file database in a temporary folder, or a fresh schema in the PostgreSQL server
 * named by FLOWDECK_TEST_PG_URL (default 127.0.0.1:5432/flowdeck_test). With no server there, PostgreSQL tests are
 * skipped with the reason, unless FLOWDECK_REQUIRE_POSTGRES=1 (CI), where they fail.
 */
public final class TestDatabases {
    public static final String PG_URL = env("FLOWDECK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/flowdeck_test");
    public static final String PG_USER = env("FLOWDECK_TEST_PG_USER", "flowdeck");
    public static final String PG_PASSWORD = env("FLOWDECK_TEST_PG_PASSWORD", "flowdeck");

    private TestDatabases() {
    }

    /** H2 settings as the embedded database uses them (PostgreSQL mode, commits written at once). */
    public static DbSettings h2(Path dir) {
        return new DbSettings("jdbc:h2:file:" + dir.resolve("livedb").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;FILE_LOCK=FS;WRITE_DELAY=0",
                "flowdeck", "");
    }

    /**
     * A new, empty PostgreSQL schema for this test, so that tests running at the same time (or leftovers from an
     * earlier run) never share tables. Skips (or fails in CI) when no server answers.
     */
    public static DbSettings freshPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "connectTimeout=3",
                PG_USER, PG_PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
                    + "); set FLOWDECK_TEST_PG_URL/_USER/_PASSWORD or start a server (see .ci/run)";
            if ("1".equals(System.getenv("FLOWDECK_REQUIRE_POSTGRES"))) {
                throw new AssertionError(reason, e);
            }
            Assumptions.abort(reason);
        }
        return new DbSettings(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, PG_USER, PG_PASSWORD);
    }

    /** Drops a schema made by {@link #freshPostgresSchema()}. */
    public static void dropPostgresSchema(DbSettings settings) {
        String url = settings.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // leftover schemas are harmless: every test makes its own
        }
    }

    /** Connects and creates the schema. */
    public static Database connect(DbSettings settings) {
        return Database.connect(settings);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
