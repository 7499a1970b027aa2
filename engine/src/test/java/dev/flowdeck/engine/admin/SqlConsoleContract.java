package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the SQL console must do on every database it supports; one subclass per database. */
abstract class SqlConsoleContract {
    protected Database db;
    protected SqlConsole console;
    protected String table;

    /** The database under test; called once per test. */
    protected abstract Database database() throws Exception;

    /** A query that runs for minutes unless cancelled. */
    protected abstract String longQuery();

    /** Part of the database's own message when a read-only transaction refuses a write; null if Flowdeck refuses. */
    protected abstract String readOnlyRefusal();

    @BeforeEach
    void createTable() throws Exception {
        db = database();
        console = new SqlConsole(db);
        table = "sqltest_" + Long.toHexString(System.nanoTime());
        db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10, 2))");
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (int i = 1; i <= 50; i++) {
                st.executeUpdate("INSERT INTO " + table + " VALUES (" + i + ", 'row " + i + "', " + (i * 1.5) + ")");
            }
        }
    }

    @AfterEach
    void dropTable() throws Exception {
        db.execute("DROP TABLE IF EXISTS " + table);
    }

    @Test
    void readOnlyRefusesDeleteAndNothingIsDeleted() throws Exception {
        SqlFailure f = catchFailure(() -> console.run("DELETE FROM " + table, false, 100, new SqlCancel()));
        if (readOnlyRefusal() == null) {
            assertThat(f.refused()).isTrue();
            assertThat(f.getMessage()).startsWith("read-only mode: DELETE is not a query").contains("Allow writes");
        } else {
            assertThat(f.refused()).isFalse();
            assertThat(f.getMessage()).contains(readOnlyRefusal()).contains("DELETE");
        }
        assertThat(count()).isEqualTo(50);
    }

    @Test
    void readOnlyRefusesDdlAndTransactionControl() throws Exception {
        catchFailure(() -> console.run("DROP TABLE " + table, false, 100, new SqlCancel()));
        assertThat(count()).isEqualTo(50);
        SqlFailure tx = catchFailure(() -> console.run("SET TRANSACTION READ WRITE; DELETE FROM " + table, false, 100, new SqlCancel()));
        assertThat(tx.getMessage()).contains("controls transactions");
        assertThat(count()).isEqualTo(50);
    }

    @Test
    void readOnlyRunsQueriesInABoundedPage() {
        SqlResult page = console.run("SELECT id, name, amount FROM " + table + " ORDER BY id", false, 20, new SqlCancel());
        assertThat(page.columns()).extracting(SqlColumn::name).containsExactly("id", "name", "amount");
        assertThat(page.columns()).extracting(SqlColumn::numeric).containsExactly(true, false, true);
        assertThat(page.rows()).hasSize(20);
        assertThat(page.rows().get(0)).containsExactly("1", "row 1", "1.50");
        assertThat(page.more()).isTrue();
        assertThat(page.summary()).startsWith("first 20 rows (more not shown)");
        SqlResult all = console.run("SELECT * FROM " + table, false, 10_000, new SqlCancel());
        assertThat(all.rows()).hasSize(50);
        assertThat(all.more()).isFalse();
        assertThat(all.wrote()).isFalse();
    }

    @Test
    void writeModeCommitsThroughTheCdcWriteFence() throws Exception {
        try (Connection holder = db.open()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeQuery("SELECT * FROM " + table + " WHERE id = 1 FOR UPDATE").close();
            }
            CompletableFuture<SqlResult> update = CompletableFuture.supplyAsync(() -> console.run(
                    "UPDATE " + table + " SET name = 'changed' WHERE id = 1; INSERT INTO " + table + " VALUES (51, 'new', 1)",
                    true, 100, new SqlCancel()));
            // the write waits for the row lock inside the fence: the CDC poller would hold its watermark for it
            await().atMost(Duration.ofSeconds(10)).until(() -> db.fence().openWriters() == 1);
            holder.rollback();
            SqlResult r = update.get(20, TimeUnit.SECONDS);
            assertThat(r.wrote()).isTrue();
            assertThat(r.updateCount()).isEqualTo(1);
            assertThat(r.summary()).contains("2 statements").contains("UPDATE: 1 row affected").contains("committed");
        }
        assertThat(db.fence().openWriters()).isZero();
        assertThat(count()).isEqualTo(51);
        assertThat(console.run("SELECT name FROM " + table + " WHERE id = 1", false, 1, new SqlCancel()).rows())
                .containsExactly(List.of("changed"));
    }

    @Test
    void aFailedWriteScriptRollsBackAsAWhole() throws Exception {
        SqlFailure f = catchFailure(() -> console.run("INSERT INTO " + table + " VALUES (60, 'x', 1); INSERT INTO "
                + table + " VALUES (1, 'duplicate', 1)", true, 100, new SqlCancel()));
        assertThat(f.refused()).isFalse();
        assertThat(count()).isEqualTo(50);
        assertThat(db.fence().openWriters()).isZero();
    }

    @Test
    void showsTheDatabasesOwnErrorMessage() throws Exception {
        SqlFailure f = catchFailure(() -> console.run("SELECT nope FROM " + table, false, 10, new SqlCancel()));
        assertThat(f.getMessage()).contains("nope");
        assertThat(f.refused()).isFalse();
        assertThat(f.cancelled()).isFalse();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT nope FROM " + table);
        } catch (java.sql.SQLException direct) {
            assertThat(f.getMessage()).isEqualTo(direct.getMessage()); // as is, not reworded
        }
    }

    @Test
    void cancelStopsALongQuery() throws Exception {
        SqlCancel cancel = new SqlCancel();
        CompletableFuture<SqlResult> run = CompletableFuture.supplyAsync(() -> console.run(longQuery(), false, 10, cancel));
        await().atMost(Duration.ofSeconds(10)).until(cancel::isRunning);
        long t0 = System.nanoTime();
        cancel.cancel();
        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SqlFailure.class)
                .satisfies(e -> assertThat(((SqlFailure) e).cancelled()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(cancel.isRunning()).isFalse();
    }

    @Test
    void sampleQueriesRun() {
        for (SqlSample sample : SqlSamples.forDatabase(db)) {
            SqlResult r = console.run(sample.sql(), false, 100, new SqlCancel());
            assertThat(r.hasResultSet()).as(sample.title()).isTrue();
        }
    }

    @Test
    void exportsTheResultPageAsCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        SqlResult r = console.run("SELECT id, name, NULL AS nothing, id FROM " + table + " WHERE id <= 2 ORDER BY id", false, 10, new SqlCancel());
        java.nio.file.Path file = dir.resolve("result.csv");
        SqlCsv.write(r, file);
        assertThat(java.nio.file.Files.readAllLines(file)).containsExactly("id,name,nothing,id_2", "1,\"row 1\",,1", "2,\"row 2\",,2");
    }

    protected long count() throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static SqlFailure catchFailure(Runnable r) {
        try {
            r.run();
        } catch (SqlFailure f) {
            return f;
        }
        throw new AssertionError("expected the statement to fail");
    }
}
