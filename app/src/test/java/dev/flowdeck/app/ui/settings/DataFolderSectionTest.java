package dev.flowdeck.app.ui.settings;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.host.DataFolderUsage;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.app.ui.shell.ShellView;
import dev.flowdeck.app.ui.shell.ShellViewModel;
import dev.flowdeck.app.ui.shell.Themes;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Settings page's Data folder section on a real embedded broker and database: it shows what the folder holds,
 * warns when the (test-injected) free space is low, and Reset data asks first: Cancel deletes nothing, the delete
 * button empties the broker, the database and the Streams state and the pipeline runs again.
 */
class DataFolderSectionTest {
    @TempDir
    static Path dir;
    static ConsoleSession session;
    static volatile Long fakeFree;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;

    @BeforeAll
    static void start() {
        System.setProperty("headless.geometry", "1600x1000-32");
        PipelineSettings settings = new PipelineSettings();
        session = new ConsoleSession(dir.resolve("data"), Profile.embedded(), settings, () -> Seeds.load(null, p -> { }));
        session.start();
        assertThat(session.status().phase()).as(session.status().message()).isEqualTo(ConsoleSession.Phase.RUNNING);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The folder as measured, but with the free space the test says, when it says one. */
    static DataFolderUsage measure() {
        DataFolderUsage real = DataFolderUsage.measure(session.dataDir());
        Long free = fakeFree;
        return free == null ? real : new DataFolderUsage(real.folder(), real.parts(), free, real.diskBytes());
    }

    private DataFolderViewModel mountSettings() throws Exception {
        tasks = new FxTaskRunner();
        DataFolderViewModel folder = new DataFolderViewModel(session.dataDir(), DataFolderSectionTest::measure,
                session::profile, tasks, session::resetEmbeddedData);
        RetentionViewModel retention = new RetentionViewModel(session.settings().retention(), java.util.Optional::empty, r -> { });
        SettingsPage page = new SettingsPage(new SettingsViewModel(ProfileStore.load(dir.resolve("config")), tasks,
                session::profile, session::switchTo, ConnectionTest.REAL), folder, retention);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene((Parent) page.content(), 1280, 800);
            Themes.style(scene, false);
            s.setScene(scene);
            s.setX(0);
            s.setY(0);
            s.show();
            page.shown();
        });
        return folder;
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void showsThePartsAndWarnsWhenTheDiskIsAlmostFull() throws Exception {
        fakeFree = null;
        DataFolderViewModel folder = mountSettings();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(text("#data-kafka")).endsWith("B").isNotIn("–", "0 B");
            assertThat(text("#data-h2")).endsWith("B").isNotIn("–", "0 B");
            assertThat(text("#data-free")).contains("free of");
        });
        assertThat(robot.lookup("#data-low-disk").query().isVisible()).isFalse();
        assertThat(text("#data-folder-path")).isEqualTo(session.dataDir().toAbsolutePath().toString());
        assertThat(robot.lookup("#data-reset").query().isDisabled()).isFalse();

        fakeFree = 1_400_000_000L;
        robot.interact(folder::refresh);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#data-low-disk").query().isVisible());
        assertThat(text("#data-low-disk")).isEqualTo("Disk almost full: 1.4 GB free in " + session.dataDir()
                + " — Kafka stops accepting events when it is full; lower the retention or reset data");
        save(robot.lookup("#settings").query(), "settings-data-folder-low-disk");
        fakeFree = null;
    }

    @Test
    void theStatusBarShowsTheFigureOrTheWarning() throws Exception {
        ShellViewModel vm = new ShellViewModel(false);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new ShellView(vm, List.of(), new NoActions()), 1280, 120);
            Themes.style(scene, false);
            s.setScene(scene);
            s.show();
        });
        robot.interact(() -> vm.disk("Data 1.2 GB · 38 GB free", ""));
        assertThat(robot.lookup("#status-disk").query().isVisible()).isTrue();
        assertThat(text("#status-disk")).isEqualTo("Data 1.2 GB · 38 GB free");
        assertThat(robot.lookup("#status-disk-warning").query().isVisible()).isFalse();

        robot.interact(() -> vm.disk("Data 1.2 GB · 1.4 GB free", "Disk almost full: 1.4 GB free in /data — Kafka stops "
                + "accepting events when it is full; lower the retention or reset data"));
        assertThat(robot.lookup("#status-disk-warning").query().isVisible()).isTrue();
        assertThat(robot.lookup("#status-disk-warning").query().getStyleClass()).contains("status-warning");
        assertThat(text("#status-disk-warning")).startsWith("Disk almost full: 1.4 GB free in /data — Kafka stops");
        save(robot.lookup("#status-bar").query(), "status-bar-low-disk");
    }

    @Test
    void resetAsksFirstCancelDeletesNothingAndDeleteEmptiesTheDataAndRunsAgain() throws Exception {
        fakeFree = null;
        Path data = session.dataDir();
        Database db = session.database().orElseThrow();
        db.execute("CREATE TABLE reset_marker (id INT PRIMARY KEY)");
        try (Admin admin = Admin.create(KafkaClients.admin(session.kafka().orElseThrow()))) {
            admin.createTopics(List.of(new NewTopic("reset-marker", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        Files.createDirectories(data.resolve("streams/flowdeck-processor/0_0"));
        Files.writeString(data.resolve("streams/flowdeck-processor/0_0/state"), "window state");
        Files.writeString(data.resolve("notes.txt"), "not Flowdeck's to delete");
        Pipeline before = session.pipeline().orElseThrow();
        DataFolderViewModel folder = mountSettings();

        robot.clickOn("#data-reset");
        Node dialog = robot.lookup("#data-reset-dialog").query();
        assertThat(robot.from(dialog).lookup(".content").queryAs(Label.class).getText())
                .contains(data.toString()).contains("embedded Kafka logs").contains("H2 database").contains("Streams state")
                .contains("cannot be undone");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#data-reset-dialog").tryQuery()).isEmpty();
        assertThat(session.pipeline()).containsSame(before);
        assertThat(tables(session.database().orElseThrow())).contains("reset_marker");
        assertThat(data.resolve("streams/flowdeck-processor/0_0/state")).exists();
        assertThat(folder.busyProperty().get()).isFalse();

        robot.clickOn("#data-reset");
        robot.clickOn(robot.lookup("#data-reset-confirm").queryButton());
        await().atMost(Duration.ofSeconds(120)).until(() -> text("#data-message").startsWith("Data reset"));

        Pipeline after = session.pipeline().orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(session.status().phase()).isEqualTo(ConsoleSession.Phase.RUNNING);
        assertThat(tables(session.database().orElseThrow())).doesNotContain("reset_marker");
        try (Admin admin = Admin.create(KafkaClients.admin(session.kafka().orElseThrow()))) {
            Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            assertThat(topics).doesNotContain("reset-marker").contains(session.settings().topic());
        }
        assertThat(data.resolve("streams/flowdeck-processor")).doesNotExist();
        assertThat(data.resolve("notes.txt")).hasContent("not Flowdeck's to delete");
        long published = after.metrics().counters(Pipeline.POLLER).items();
        await().atMost(Duration.ofSeconds(60)).until(() -> after.metrics().counters(Pipeline.POLLER).items() > published + 100);
    }

    private static List<String> tables(Database db) throws Exception {
        try (Connection c = db.open(); ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }

    private static void save(Node node, String name) throws Exception {
        Path shots = Path.of(System.getProperty("flowdeck.shots", "/tmp/flowdeck-settings-shots"));
        Files.createDirectories(shots);
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> node.getScene().snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shots.resolve(name + ".png").toFile());
    }

    private static final class NoActions implements ShellView.Actions {
        @Override
        public void exportWindow() {
        }

        @Override
        public void exportHoveredChart() {
        }

        @Override
        public void startAll() {
        }

        @Override
        public void stopAll() {
        }

        @Override
        public void quit() {
        }
    }
}
