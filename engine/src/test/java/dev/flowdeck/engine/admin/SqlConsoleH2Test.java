package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.infra.EmbeddedH2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL console on embedded H2 (file mode, PostgreSQL compatibility), as the app runs it. */
class SqlConsoleH2Test extends SqlConsoleContract {
    @TempDir
    static Path dir;
    static EmbeddedH2 h2;
    static Database shared;

    @Override
    protected Database database() throws Exception {
        if (shared == null) {
            h2 = EmbeddedH2.start(dir);
            shared = Database.connect(new DbSettings(h2.jdbcUrl(), h2.user(), ""));
            // the fence test holds a row lock for a moment; H2's default lock timeout is 1 s
            shared.execute("SET DEFAULT_LOCK_TIMEOUT 10000");
        }
        return shared;
    }

    @AfterAll
    static void close() {
        if (h2 != null) {
            h2.close();
        }
    }

    @Override
    protected String longQuery() {
        return "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";
    }

    @Override
    protected String readOnlyRefusal() {
        return null; // H2 has no read-only transactions: Flowdeck refuses anything that is not a query
    }

    @Test
    void aQueryThatDeletesIsRefusedByTheReadingUser() throws Exception {
        // a query that changes data (H2's OLD TABLE (DELETE ...)) passes the "is it a query" check; the reading user
        // has no DELETE right, so H2 itself refuses it
        SqlFailure f = catchFailure(() -> console.run("SELECT * FROM OLD TABLE (DELETE FROM " + table + ")", false, 100, new SqlCancel()));
        assertThat(f.getMessage()).contains("Not enough rights");
        assertThat(count()).isEqualTo(50);
    }

    @Test
    void readOnlyCannotWriteFilesNorHideAStatementBehindAnH2Comment(@TempDir Path out) throws Exception {
        String[] attempts = {
            "SELECT FILE_WRITE('x', '" + out.resolve("1.txt") + "')",
            "CALL CSVWRITE('" + out.resolve("2.csv") + "', 'SELECT 1')",
            "SCRIPT TO '" + out.resolve("3.sql") + "'",
            "SELECT * FROM LINK_SCHEMA('x', '', 'jdbc:h2:mem:x;INIT=RUNSCRIPT FROM ''" + out.resolve("4.sql") + "''', 'sa', '', 'public')",
            "SELECT 1 // '\n; DROP TABLE " + table + "; SELECT 1 // '",
            "SELECT 1 // '\n; DELETE FROM " + table + "; SELECT 1 // '",
        };
        for (String sql : attempts) {
            catchFailure(() -> console.run(sql, false, 10, new SqlCancel()));
        }
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
        assertThat(count()).isEqualTo(50);
    }

    @Test
    void historyIsKeptBoundedMaskedAndSurvivesARestart(@TempDir Path config) {
        Path file = config.resolve("sql-history.jsonl");
        SqlHistory history = new SqlHistory(file, 3);
        for (int i = 1; i <= 4; i++) {
            history.add(new SqlHistory.Entry(1000L * i, "SELECT " + i, false, true, i, i + " rows"));
        }
        history.add(new SqlHistory.Entry(5000, "ALTER USER bob PASSWORD 'hunter2'", true, false, 1, "error"));
        SqlHistory reloaded = new SqlHistory(file, 3);
        assertThat(reloaded.entries()).extracting(SqlHistory.Entry::sql)
                .containsExactly("SELECT 3", "SELECT 4", "ALTER USER bob PASSWORD '****'");
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aFailuresTextIsMaskedInTheHistoryAndTheFileIsTheOwnersOnly(@TempDir Path config) throws Exception {
        Path file = config.resolve("sql-history.jsonl");
        SqlHistory history = new SqlHistory(file, 10);
        SqlFailure f = catchFailure(() -> console.run("CREATE USER bob PASSWORD 'hunter2' WITH NONSENSE", true, 10, new SqlCancel()));
        history.add(new SqlHistory.Entry(1, "CREATE USER bob PASSWORD 'hunter2'", true, false, 1,
                f.getMessage() + " (jdbc:postgresql://app:hunter3@db/x)"));
        assertThat(Files.readString(file)).doesNotContain("hunter2").doesNotContain("hunter3");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void splitsScriptsOutsideQuotesAndComments() {
        assertThat(SqlScript.split("SELECT 'a;b'; -- c;d\nSELECT \"x;y\" FROM t; /* ; */ SELECT $$;$$; ;"))
                .containsExactly("SELECT 'a;b'", "-- c;d\nSELECT \"x;y\" FROM t", "/* ; */ SELECT $$;$$");
        assertThat(SqlScript.verb("-- note\n  delete from t")).isEqualTo("DELETE");
        assertThat(SqlScript.split("  ;  -- only a comment")).isEmpty();
        assertThat(List.of(SqlScript.verb("WITH x AS (SELECT 1) SELECT * FROM x"))).containsExactly("WITH");
    }
}
