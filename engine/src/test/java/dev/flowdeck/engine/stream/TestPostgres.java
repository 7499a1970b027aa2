package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.config.DbSettings;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.fail;

/**
 * The test PostgreSQL of HELPER-COMMON.md (FLOWDECK_TEST_PG_URL / _USER / _PASSWORD), isolated in a schema of its
 * own so that tests running at the same time on the same database do not see each other's rows. Skips the test when
 * no server answers, unless FLOWDECK_REQUIRE_POSTGRES=1.
 */
final class TestPostgres {
    private TestPostgres() {
    }

    /** A fresh, empty schema; the returned settings use it for every unqualified table. */
    static DbSettings freshSchema(String schema) {
        String url = env("FLOWDECK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/flowdeck_test");
        String user = env("FLOWDECK_TEST_PG_USER", "flowdeck");
        String password = env("FLOWDECK_TEST_PG_PASSWORD", "flowdeck");
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "no PostgreSQL at " + url + " (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("FLOWDECK_REQUIRE_POSTGRES"))) {
                fail("FLOWDECK_REQUIRE_POSTGRES=1 but " + reason);
            }
            Assumptions.abort(reason);
        }
        return new DbSettings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
