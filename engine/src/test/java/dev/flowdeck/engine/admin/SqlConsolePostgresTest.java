package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL console on PostgreSQL: FLOWDECK_TEST_PG_URL / _USER / _PASSWORD. Skipped with the reason when no server
 * answers, unless FLOWDECK_REQUIRE_POSTGRES=1.
 */
class SqlConsolePostgresTest extends SqlConsoleContract {
    private static Database shared;

    @Override
    protected Database database() {
        if (shared == null) {
            DbSettings settings = new DbSettings(env("FLOWDECK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/flowdeck_test"),
                    env("FLOWDECK_TEST_PG_USER", "flowdeck"), env("FLOWDECK_TEST_PG_PASSWORD", "flowdeck"));
            String problem = reachable(settings);
            if (problem != null) {
                if ("1".equals(System.getenv("FLOWDECK_REQUIRE_POSTGRES"))) {
                    throw new AssertionError("PostgreSQL is required (FLOWDECK_REQUIRE_POSTGRES=1) but " + problem);
                }
                Assumptions.abort("PostgreSQL not available, skipped: " + problem);
            }
            shared = Database.connect(settings);
        }
        return shared;
    }

    private static String reachable(DbSettings s) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
            return null;
        } catch (SQLException e) {
            return s.safeUrl() + " does not answer: " + e.getMessage();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    protected String longQuery() {
        return "SELECT pg_sleep(120)";
    }

    @Override
    protected String readOnlyRefusal() {
        return "read-only transaction"; // PostgreSQL's own: cannot execute DELETE in a read-only transaction
    }

    @Test
    void aCommitHiddenFromTheSplitterCannotEndTheReadOnlyTransaction() throws Exception {
        String[] attempts = {
            "SELECT E'\\''; COMMIT; DELETE FROM " + table + "; --'",
            "SELECT 1 AS a$b$; COMMIT; DELETE FROM " + table + "; SELECT $b$ x",
            "SELECT 1 AS a$b$; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM " + table + "; SELECT $b$ x",
        };
        for (String sql : attempts) {
            catchFailure(() -> console.run(sql, false, 10, new SqlCancel()));
            assertThat(count()).as(sql).isEqualTo(50);
        }
        // one statement at a time: a session setting does not make the next statement writable either
        catchFailure(() -> console.run("SET default_transaction_read_only = off; DELETE FROM " + table, false, 10, new SqlCancel()));
        assertThat(count()).isEqualTo(50);
    }

    @Test
    void aWritingCteIsRefusedByPostgres() throws Exception {
        SqlFailure f = catchFailure(() -> console.run("WITH d AS (DELETE FROM " + table + " RETURNING *) SELECT * FROM d",
                false, 100, new SqlCancel()));
        assertThat(f.getMessage()).contains("read-only transaction");
        assertThat(count()).isEqualTo(50);
    }
}
