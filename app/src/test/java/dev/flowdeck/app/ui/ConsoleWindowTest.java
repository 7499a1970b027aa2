package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.app.ui.logs.RingAppender;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.ui.settings.ProfileStore;
import dev.flowdeck.app.ui.shell.UiPreferences;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.tier.TierRole;
import dev.flowdeck.engine.tier.TierSettings;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console window headless (Monocle) on the real embedded broker and database: it starts the pipeline by itself,
 * its buttons and sliders act on the engine, and it exports a screenshot. One console (one broker) for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWindowTest {
    @TempDir
    static Path dir;
    private static Console console;
    private static javafx.stage.Stage window;
    private static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openTheConsole() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.cleanupStages(); // windows other test classes left open would sit on top of ours and take the clicks
        Console.Config config = new Console.Config(dir.resolve("data"), dir.resolve("config"), Optional.empty(), true,
                new PipelineSettings());
        // a stage of our own: the primary stage is shared with other test classes, which expect it as they left it
        FxToolkit.setupFixture(() -> {
            window = new javafx.stage.Stage();
            console = new Console(config, UiPreferences.load(config.configDir()), ProfileStore.load(config.configDir()),
                    RingAppender.install(2_000), new FxTaskRunner());
            console.show(window);
            window.toFront();
        });
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() ->
                console.session().status().phase() == ConsoleSession.Phase.RUNNING
                        && console.session().pipeline().map(p -> p.metrics().counters(Pipeline.POLLER).items() > 0).orElse(false));
    }

    @AfterAll
    static void closeTheConsole() throws Exception {
        if (console != null) {
            CountDownLatch closed = new CountDownLatch(1);
            robot.interact(() -> console.close(closed::countDown));
            assertThat(closed.await(30, TimeUnit.SECONDS)).as("the console closed within 30 s").isTrue();
            assertThat(console.session().pipeline()).isEmpty();
            assertThat(console.session().status().phase()).isEqualTo(ConsoleSession.Phase.STOPPED);
        }
        if (window != null) {
            FxToolkit.setupFixture(() -> window.close());
        }
        FxToolkit.cleanupStages();
        // nothing the console started may outlive it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("flowdeck-") && !n.startsWith("flowdeck-class-warm-up")
                        || n.startsWith("kafka-producer") || n.startsWith("data-plane-kafka")));
    }

    private static Pipeline pipeline() {
        return console.session().pipeline().orElseThrow();
    }

    @Test
    @Order(1)
    void theWindowShowsThePipelineRunning() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(robot.lookup("#stage-poller-state").queryAs(Label.class).getText()).isEqualTo("Running");
            assertThat(robot.lookup("#status-broker").queryAs(javafx.scene.layout.HBox.class).getStyleClass()).contains("state-running");
            assertThat(robot.lookup("#tile-rows-total-value").queryAs(Label.class).getText()).isNotEqualTo("0");
        });
        assertThat(robot.lookup("#nav-topology").tryQuery()).isPresent();
        assertThat(robot.lookup("#nav-sql").tryQuery()).isPresent();
    }

    @Test
    @Order(2)
    void stopAllThenStartOneStageThenStartAll() {
        robot.clickOn("#stop-all");
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline().writer().status().state() == StageState.STOPPED
                && pipeline().poller().status().state() == StageState.STOPPED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(robot.lookup("#stage-writer-state").queryAs(Label.class).getText()).isEqualTo("Stopped"));
        // Stop all goes on to the processor and the tiers; the stage buttons come back when it is done
        var vm = console.pipelinePage().viewModel();
        await().atMost(Duration.ofSeconds(60)).until(() -> !vm.busyProperty().get()
                && robot.lookup("#stage-writer-toggle").queryButton().isDisabled() == false);
        assertThat(pipeline().stages()).allSatisfy(st -> assertThat(st.status().state()).isNotEqualTo(StageState.RUNNING));

        robot.clickOn("#stage-writer-toggle");
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline().writer().status().state() == StageState.RUNNING);
        assertThat(pipeline().poller().status().state()).isEqualTo(StageState.STOPPED);

        robot.clickOn("#start-all");
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline().poller().status().state() == StageState.RUNNING);
        long published = pipeline().metrics().counters(Pipeline.POLLER).items();
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline().metrics().counters(Pipeline.POLLER).items() > published);
    }

    @Test
    @Order(3)
    void movingTheSliderChangesTheEngineSettingAtOnce() {
        PipelineSettings settings = console.session().settings();
        int before = settings.rowsPerBurst();
        Slider slider = robot.lookup("#rows-per-burst").queryAs(Slider.class);
        robot.clickOn(slider.lookup(".thumb"));
        robot.type(KeyCode.RIGHT, 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.rowsPerBurst()).isGreaterThan(before);
        assertThat(robot.lookup("#rows-per-burst-value").queryAs(Label.class).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d", settings.rowsPerBurst()));

        robot.drag(robot.lookup("#burst-interval").queryAs(Slider.class).lookup(".thumb")).moveBy(-60, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.burstIntervalMs()).isLessThan(100);
    }

    @Test
    @Order(4)
    void theOutageToggleTakesATierOutAndBack() {
        TierSettings edge = console.tiers().settings(TierRole.EDGE);
        assertThat(edge.outage()).isFalse();
        robot.clickOn("#edge-outage");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(edge.outage()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(robot.lookup("#stage-edge-state").queryAs(Label.class).getText()).isEqualTo("Degraded"));
        // hybrid routing: while the edge is out, requests that come in at the edge are diverted to the cloud
        long diverted = console.tiers().tiers().orElseThrow().routed().diverted();
        await().atMost(Duration.ofSeconds(30)).until(() -> console.tiers().tiers().orElseThrow().routed().diverted() > diverted);

        robot.clickOn("#edge-outage");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(edge.outage()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(robot.lookup("#stage-edge-state").queryAs(Label.class).getText()).isEqualTo("Running"));
    }

    @Test
    @Order(5)
    void tierSlidersAndTheRoutingPolicyActOnTheTiers() {
        TierSettings cloud = console.tiers().settings(TierRole.CLOUD);
        int servers = cloud.servers();
        Slider slider = robot.lookup("#cloud-servers").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(servers + 4));
        assertThat(cloud.servers()).isEqualTo(servers + 4);
        robot.interact(() -> robot.lookup("#routing-policy").queryComboBox().getSelectionModel().select("cloud-only"));
        assertThat(console.tiers().router().policy().label()).isEqualTo("cloud-only");
        robot.interact(() -> robot.lookup("#routing-policy").queryComboBox().getSelectionModel().select("hybrid"));
        assertThat(console.tiers().router().policy().label()).isEqualTo("hybrid");
    }

    @Test
    @Order(6)
    void aSweepDrawsMeasuredPointsBesideTheTheory() {
        robot.clickOn("#run-sweep");
        await().atMost(Duration.ofSeconds(60)).until(() -> console.tiers().tiers().map(t -> t.sweep().size()).orElse(0)
                == 2 * 7);
        assertThat(console.tiers().tiers().orElseThrow().sweep()).allSatisfy(p -> {
            assertThat(p.throughputPerS()).isPositive();
            assertThat(p.meanMs()).isPositive();
            assertThat(p.theoryMeanMs()).isPositive();
            assertThat(Math.abs(p.meanMs() - p.theoryMeanMs()) / p.theoryMeanMs()).as("sweep near theory").isLessThan(0.5);
        });
    }

    @Test
    @Order(7)
    void ctrlShiftSSavesTheWindowAsAPng() throws Exception {
        Path png = dir.resolve("window.png");
        console.exporter().useAsker((owner, title, initialDir, name, filter) -> Optional.of(png));
        robot.clickOn("#page-title-pipeline");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(png) && Files.size(png) > 0
                && robot.lookup("#status-notice").queryAs(Label.class).getText().startsWith("Saved"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodes as PNG").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(distinctColours(image)).as("not blank").isGreaterThan(50);
        assertThat(console.prefs().exportDir()).contains(dir.toAbsolutePath());
    }

    @Test
    @Order(8)
    void aChartsMenuSavesItsDataAsCsvAndItselfAsPng() throws Exception {
        Path csv = dir.resolve("rates.csv");
        Path png = dir.resolve("rates.png");
        console.exporter().useAsker((owner, title, initialDir, name, filter) ->
                Optional.of(filter.getExtensions().contains("*.csv") ? csv : png));
        robot.clickOn("#chart-rates-menu").clickOn("Save data as CSV…");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("series,time,epoch_s,items/s");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("writer,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("poller,"));

        robot.clickOn("#chart-rates-menu").clickOn("Save chart as PNG…");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(png) && Files.size(png) > 0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isBetween(200, 800);
        assertThat(distinctColours(image)).isGreaterThan(10);
    }

    @Test
    @Order(9)
    void theLogsPageShowsTheApplicationLogAndFiltersIt() {
        robot.clickOn("#nav-logs");
        @SuppressWarnings("unchecked")
        TableView<Object> table = robot.lookup("#log-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !table.getItems().isEmpty());
        robot.clickOn("#log-text").write("pipeline running on profile");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isNotEmpty().allSatisfy(o ->
                assertThat(((dev.flowdeck.app.ui.logs.LogEntry) o).message()).contains("pipeline running on profile"));
        robot.clickOn("#nav-pipeline");
    }

    @Test
    @Order(10)
    void theThemeSwitchesToDarkAndBack() {
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.root().getScene().getRoot().getStyleClass()).contains("dark");
        assertThat(console.prefs().darkTheme()).isTrue();
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.root().getScene().getRoot().getStyleClass()).doesNotContain("dark");
    }

    @Test
    @Order(11)
    void theStatusBarAndTheSettingsPageShowTheDataFolderAndAnAppliedRetentionActsAtOnce() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(robot.lookup("#status-disk").queryAs(Label.class)
                .getText()).matches("Data [0-9.]+ [kMG]?B · [0-9.]+ [kMGT]?B free"));
        robot.clickOn("#nav-settings");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(robot.lookup("#data-h2").queryAs(Label.class).getText()).matches("[0-9.]+ [kMG]?B");
            assertThat(robot.lookup("#retention-status").queryAs(Label.class).getText())
                    .startsWith("keeping 24 h or 20,000,000 rows of livedb;");
        });
        robot.doubleClickOn("#retention-rows").eraseText(12).write("5000").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.session().settings().retention().maxRows()).isEqualTo(5_000);
        assertThat(console.prefs().retention()).hasValueSatisfying(r -> assertThat(r.rows()).isEqualTo("5000"));
        robot.clickOn("#nav-pipeline");
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
