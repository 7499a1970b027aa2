package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.SqlSample;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.infra.EmbeddedH2;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SqlPageTest {
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east"};

    @TempDir
    static Path dir;
    static EmbeddedH2 h2;
    static Database db;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    SqlPage page;

    @BeforeAll
    static void start() throws Exception {
        h2 = EmbeddedH2.start(dir);
        db = Database.connect(new DbSettings(h2.jdbcUrl(), h2.user(), ""));
        db.execute("CREATE TABLE IF NOT EXISTS region_aggregates (window_start TIMESTAMP, region VARCHAR(64), events BIGINT, total DECIMAL(14, 2))");
        long now = System.currentTimeMillis();
        try (Connection c = db.open()) {
            db.write(c, conn -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < 600; i++) {
                        ps.setString(1, "Org " + (i % 9));
                        ps.setBigDecimal(2, new java.math.BigDecimal((i * 37) % 900 + ".50"));
                        ps.setString(3, REGIONS[i % 4]);
                        ps.setTimestamp(4, new Timestamp(now - (600 - i) * 3_000L));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        h2.close();
    }

    Stage mount(Optional<Database> database) throws Exception {
        tasks = new FxTaskRunner();
        page = new SqlPage(new FixedContext(tasks, Optional.empty(), database, dir, dir.resolve("config")));
        return FxPages.mount(page);
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void runsASampleQueryAndShowsTheRows() throws Exception {
        mount(Optional.of(db));
        await().atMost(Duration.ofSeconds(10)).until(() -> samples().getItems().stream().anyMatch(s -> s.title().startsWith("Aggregates")));
        robot.interact(() -> samples().getSelectionModel().select(0));
        robot.clickOn(samples().lookup(".list-cell"));
        assertThat(editor().getText()).startsWith("SELECT region, COUNT(*) AS row_count");
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> results().getItems().size() >= 4);
        assertThat(results().getColumns()).extracting(c -> c.getText()).containsExactly("region", "row_count", "total_amount", "avg_amount");
        // another test of this class may have added a 'console' row
        assertThat(results().getItems()).filteredOn(r -> List.of(REGIONS).contains(r.get(0))).hasSize(4)
                .extracting(r -> r.get(1)).containsOnly("150");
        assertThat(summary()).startsWith("read-only · ").contains(" rows in ");
        assertThat(Files.readString(dir.resolve("config").resolve(SqlViewModel.HISTORY_FILE))).contains("SELECT region, COUNT(*)");
    }

    @Test
    void deleteIsRefusedUntilWritesAreAllowed() throws Exception {
        mount(Optional.of(db));
        robot.interact(() -> editor().setText("DELETE FROM livedb WHERE region = 'sa-east'"));
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> !error().isEmpty());
        assertThat(error()).startsWith("read-only mode: DELETE is not a query");
        assertThat(count("sa-east")).isEqualTo(150);

        robot.interact(() -> editor().setText("INSERT INTO livedb (org, amount, region) VALUES ('Console', 1.00, 'console')"));
        robot.clickOn("#allow-writes");
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> summary().contains("committed"));
        assertThat(summary()).contains("INSERT: 1 row affected");
        assertThat(count("console")).isEqualTo(1);
        robot.clickOn("#allow-writes");
        assertThat(page.viewModel().writeEnabledProperty().get()).isFalse();
    }

    @Test
    void cancelStopsALongQueryAndTheErrorIsTheDatabases() throws Exception {
        mount(Optional.of(db));
        robot.interact(() -> editor().setText("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b"));
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.viewModel().runningProperty().get());
        robot.clickOn("#cancel-sql");
        await().atMost(Duration.ofSeconds(15)).until(() -> !page.viewModel().runningProperty().get());
        assertThat(summary()).isEqualTo("cancelled");
        assertThat(error()).contains("Statement was canceled");

        robot.interact(() -> editor().setText("SELECT nope FROM livedb"));
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> error().contains("nope"));
        assertThat(error()).startsWith("Column \"nope\" not found");
    }

    @Test
    void showsAClearEmptyStateWithoutADatabase() throws Exception {
        mount(Optional.empty());
        assertThat(robot.lookup("#empty-state").queryAs(Label.class).getText()).startsWith("The database is not connected yet");
    }

    @Test
    void screenshot() throws Exception {
        Stage stage = mount(Optional.of(db));
        for (String q : List.of("SELECT COUNT(*) AS row_count FROM livedb", "DELETE FROM livedb")) {
            robot.interact(() -> editor().setText(q));
            robot.clickOn("#run-sql");
            await().atMost(Duration.ofSeconds(10)).until(() -> !page.viewModel().runningProperty().get());
        }
        robot.interact(() -> editor().setText("DELETE FROM livedb WHERE region = 'sa-east'"));
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> error().startsWith("read-only mode"));
        Screenshots.save(stage.getScene(), "sql-delete-refused");
        robot.interact(() -> page.viewModel().useSample(page.viewModel().samples().stream()
                .filter(s -> s.title().startsWith("Rows per minute")).findFirst().orElseThrow()));
        robot.clickOn("#run-sql");
        await().atMost(Duration.ofSeconds(10)).until(() -> results().getItems().size() >= 20);
        Screenshots.save(stage.getScene(), "sql");
    }

    private static long count(String region) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM livedb WHERE region = '" + region + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private TextArea editor() {
        return robot.lookup("#sql-editor").queryAs(TextArea.class);
    }

    private TableView<List<String>> results() {
        return robot.lookup("#sql-results").queryTableView();
    }

    private ListView<SqlSample> samples() {
        return robot.lookup("#sql-samples").queryListView();
    }

    private String summary() {
        return robot.lookup("#sql-summary").queryAs(Label.class).getText();
    }

    private String error() {
        return robot.lookup("#sql-error").queryAs(Label.class).getText();
    }
}
