package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.infra.EmbeddedH2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL view model on H2, without a toolkit: results, refusal, page size, history in the config folder. */
class SqlViewModelTest {
    @TempDir
    static Path dir;
    static EmbeddedH2 h2;
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        h2 = EmbeddedH2.start(dir);
        db = Database.connect(new DbSettings(h2.jdbcUrl(), h2.user(), ""));
        db.execute("INSERT INTO livedb (org, amount, region) VALUES ('A', 1.50, 'eu-west'), ('B', 2.50, 'us-east')");
    }

    @AfterAll
    static void stop() {
        h2.close();
    }

    SqlViewModel vm(Path config) {
        return new SqlViewModel(new FixedContext(new DirectTaskRunner(), Optional.empty(), Optional.of(db), dir, config));
    }

    @Test
    void runsReadOnlyKeepsHistoryAndShowsTheDatabasesMessage(@TempDir Path config) throws Exception {
        SqlViewModel vm = vm(config);
        vm.load();
        assertThat(vm.databaseProperty().get()).startsWith("H2 · jdbc:h2:file:");
        vm.sqlProperty().set("SELECT org, amount FROM livedb ORDER BY org");
        vm.run(null);
        assertThat(vm.columnsProperty().get()).extracting(c -> c.name()).containsExactly("org", "amount");
        assertThat(vm.rows()).containsExactly(List.of("A", "1.50"), List.of("B", "2.50"));
        assertThat(vm.summaryProperty().get()).startsWith("read-only · 2 rows");

        vm.run("DELETE FROM livedb");
        assertThat(vm.errorProperty().get()).startsWith("read-only mode: DELETE is not a query");
        assertThat(vm.summaryProperty().get()).isEqualTo("failed");

        vm.run("SELECT * FROM nowhere");
        assertThat(vm.errorProperty().get()).startsWith("Table \"nowhere\" not found");

        assertThat(vm.history()).extracting(e -> e.sql())
                .containsExactly("SELECT * FROM nowhere", "DELETE FROM livedb", "SELECT org, amount FROM livedb ORDER BY org");
        assertThat(Files.readAllLines(config.resolve(SqlViewModel.HISTORY_FILE))).hasSize(3);
        SqlViewModel reopened = vm(config);
        reopened.load();
        assertThat(reopened.history()).hasSize(3);
    }

    @Test
    void aBadPageSizeIsRefusedBeforeRunning(@TempDir Path config) {
        SqlViewModel vm = vm(config);
        vm.pageSizeProperty().set("all of them");
        vm.run("SELECT 1");
        assertThat(vm.errorProperty().get()).contains("'all of them' must be a number of rows");
        vm.pageSizeProperty().set("1");
        vm.run("SELECT id FROM livedb");
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.resultProperty().get().more()).isTrue();
    }
}
