package dev.flowdeck.app.ui.topology;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.Topology;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mounts the Topology page in a plain stage (headless Monocle), clicks a node, fails it, and sees the metrics change. */
@ExtendWith(ApplicationExtension.class)
class TopologyPageTest {
    /** Where the screenshot goes; outside the repository on purpose. */
    static final Path SCREENSHOT = Path.of(System.getProperty("flowdeck.topology.screenshot",
            System.getProperty("java.io.tmpdir") + "/flowdeck-topology/topology-page.png"));

    private final FxTaskRunner tasks = new FxTaskRunner();
    private TopologyPage page;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        page = new TopologyPage(FixedContext.offline(tasks));
        stage.setScene(new Scene((Parent) page.content(), 1500, 940));
        // TestFX reuses one stage: an earlier test may have left it larger or moved. A window reaching past Monocle's
        // screen breaks its painter (BufferOverflowException), and then clicks by screen position miss.
        stage.setX(0);
        stage.setY(0);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void stop() {
        page.close();
        tasks.close();
    }

    @Test
    void clickingANodeAndFailingItChangesTheMetrics(FxRobot robot) throws Exception {
        TopologyViewModel vm = page.viewModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> vm.sceneProperty().get() != null && !vm.busyProperty().get()));
        TopologyScene before = onFx(() -> vm.sceneProperty().get());
        DeliveryComparison c = before.comparison();
        Topology t = c.topology();
        // The busiest edge server in the flat topology: failing it must move its clients elsewhere.
        int edge = 1;
        for (int v = 1; v < t.serverCount(); v++) {
            if (c.flat().served(v) > c.flat().served(edge)) {
                edge = v;
            }
        }
        int target = edge;
        String latencyBefore = onFx(() -> vm.rows().get(0).flat());

        GraphCanvas canvas = page.view().flatCanvas();
        Point2D local = onFx(() -> canvas.positionOf(target));
        Point2D screen = onFx(() -> canvas.localToScreen(local));
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> vm.selectedNodeProperty().get())).isEqualTo(target);
        assertThat(robot.lookup("#nodeTitle").queryAs(Label.class).getText()).isEqualTo(t.nodeId(target));

        robot.clickOn("#failButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> vm.sceneProperty().get().version() > before.version()
                && !vm.busyProperty().get()));
        TopologyScene after = onFx(() -> vm.sceneProperty().get());
        assertThat(after.comparison().run().failed()).containsExactly(target);
        assertThat(after.comparison().flat().served(target)).isZero();
        assertThat(after.comparison().flat().metrics()).isNotEqualTo(c.flat().metrics());
        assertThat(onFx(() -> vm.rows().get(0).flat())).isNotEqualTo(latencyBefore);
        assertThat(robot.lookup("#nodeTitle").queryAs(Label.class).getText()).contains("(down)");
        assertThat(robot.lookup("#failButton").queryButton().getText()).isEqualTo("Restore");
        assertThat(robot.lookup("#flatHeader").queryAs(Label.class).getText()).contains("success 100.0 %");

        saveScreenshot();

        robot.clickOn("#failButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> vm.failedProperty().get().isEmpty()
                && vm.sceneProperty().get().comparison().run().failed().isEmpty() && !vm.busyProperty().get()));
        assertThat(onFx(() -> vm.rows().get(0).flat())).isEqualTo(latencyBefore);
    }

    @Test
    void scrollZoomsAndDragPansBothGraphsTogether(FxRobot robot) throws Exception {
        TopologyViewModel vm = page.viewModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> vm.sceneProperty().get() != null && !vm.busyProperty().get()));
        TopologyView view = page.view();
        int node = Topology.ORIGIN;
        Point2D flatBefore = onFx(() -> view.flatCanvas().positionOf(node));
        double zoomBefore = onFx(() -> view.viewport().zoom());

        robot.moveTo(view.flatCanvas()).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> view.viewport().zoom())).isNotEqualTo(zoomBefore);

        Point2D flatZoomed = onFx(() -> view.flatCanvas().positionOf(node));
        Point2D start = onFx(() -> view.hybridCanvas().localToScreen(view.hybridCanvas().getWidth() / 2, view.hybridCanvas().getHeight() / 2));
        robot.drag(start, javafx.scene.input.MouseButton.PRIMARY).moveBy(60, 40).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D flatAfter = onFx(() -> view.flatCanvas().positionOf(node));
        Point2D hybridAfter = onFx(() -> view.hybridCanvas().positionOf(node));
        // Dragging the hybrid graph moved the flat one too, by the drag distance; both still show the same place.
        assertThat(flatAfter.getX() - flatZoomed.getX()).isCloseTo(60, org.assertj.core.data.Offset.offset(2.0));
        assertThat(flatAfter.getY() - flatZoomed.getY()).isCloseTo(40, org.assertj.core.data.Offset.offset(2.0));
        assertThat(hybridAfter).isEqualTo(flatAfter);
        assertThat(flatAfter).isNotEqualTo(flatBefore);
        // A drag is not a click: nothing got selected.
        assertThat(onFx(() -> vm.selectedNodeProperty().get())).isEqualTo(-1);

        // A click on a client selects it and shows its own latency.
        int client = vm.sceneProperty().get().comparison().topology().firstClient() + 7;
        robot.clickOn("#fitButton");
        WaitForAsyncUtils.waitForFxEvents();
        Point2D at = onFx(() -> view.hybridCanvas().localToScreen(view.hybridCanvas().positionOf(client)));
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        int picked = onFx(() -> vm.selectedNodeProperty().get());
        assertThat(onFx(() -> vm.sceneProperty().get().comparison().topology().role(picked))).isEqualTo(dev.flowdeck.engine.topology.Role.CLIENT);
        assertThat(onFx(() -> vm.detailsProperty().get().latencyLabel())).isEqualTo("Its own latency (mean)");
    }

    @Test
    void exportsTheGraphsAsPng(FxRobot robot) throws Exception {
        TopologyViewModel vm = page.viewModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> vm.sceneProperty().get() != null && !vm.busyProperty().get()));
        Path file = Files.createTempDirectory("flowdeck-topology-export").resolve("graph.png");
        CompletableFuture<Path> saved = new CompletableFuture<>();
        robot.interact(() -> page.view().exportPng(file, saved::complete, saved::completeExceptionally));
        assertThat(saved.get(20, TimeUnit.SECONDS)).isEqualTo(file);
        var image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(600);
        assertThat(image.getHeight()).isGreaterThan(300);
    }

    private void saveScreenshot() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> page.view().graphsCurrent()));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(SCREENSHOT.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOT.toFile());
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
