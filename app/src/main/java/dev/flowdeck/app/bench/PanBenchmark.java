package dev.flowdeck.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.cli.TopologyJson;
import java.util.ArrayList;
import java.util.List;
import dev.flowdeck.app.ui.topology.Viewport;
import dev.flowdeck.app.ui.topology.TopologyView;
import dev.flowdeck.app.ui.topology.TopologyPage;
import dev.flowdeck.app.ui.export.PngFiles;
import dev.flowdeck.app.ui.topology.GraphCanvas;
import com.sun.javafx.perf.PerformanceTracker;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.topology.TopologyBenchmark;
import dev.flowdeck.engine.topology.TopologySettings;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens the Topology page in a real window with a large topology and pans it continuously (a circle of 150 px per
 * second, so every frame redraws both canvases), then reports the frames actually rendered per second
 * (JavaFX's {@link PerformanceTracker}) and the pulse intervals. Needs a display (Xvfb is fine: JavaFX then renders
 * in software, the slow case).
 */
public final class PanBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Figures of one pan run at one zoom level. */
    public record Result(int nodes, int links, double zoom, double seconds, long canvasDraws, double renderedFps,
                         double pulseFps, double pulseIntervalP95Ms, double pulseIntervalMaxMs) {
    }

    /** {@link #run} at zoom 1 and 4, one JSON object per zoom level, as {@code flowdeck topology --bench-view} prints them. */
    public static List<ObjectNode> jsonLines(int nodes, Duration each, Path screenshot) throws Exception {
        List<ObjectNode> lines = new ArrayList<>();
        for (Result r : run(nodes, each, screenshot, 1, 4)) {
            ObjectNode o = JSON.createObjectNode();
            o.put("nodes", r.nodes());
            o.put("links", r.links());
            o.put("zoom", r.zoom());
            o.put("seconds", TopologyJson.round(r.seconds(), 2));
            o.put("canvas_draws", r.canvasDraws());
            o.put("rendered_fps", TopologyJson.round(r.renderedFps(), 1));
            o.put("pulse_fps", TopologyJson.round(r.pulseFps(), 1));
            o.put("pulse_interval_p95_ms", TopologyJson.round(r.pulseIntervalP95Ms(), 1));
            o.put("pulse_interval_max_ms", TopologyJson.round(r.pulseIntervalMaxMs(), 1));
            lines.add(o);
        }
        return lines;
    }

    private PanBenchmark() {
    }

    /** Runs the benchmark at each zoom level; blocks until done. Starts and stops the JavaFX toolkit. */
    public static Result[] run(int nodes, Duration each, Path screenshot, double... zooms) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        FxTaskRunner tasks = new FxTaskRunner();
        try {
            CompletableFuture<TopologyPage> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                TopologyPage page = new TopologyPage(FixedContext.offline(tasks));
                Stage stage = new Stage();
                stage.setTitle("Flowdeck topology pan benchmark");
                stage.setScene(new Scene((javafx.scene.Parent) page.content(), 1500, 940));
                stage.show();
                TopologySettings settings = TopologyBenchmark.settingsForNodes(TopologySettings.defaults(), nodes);
                page.viewModel().clientsProperty().set(settings.clients());
                shown.complete(page);
            });
            TopologyPage page = shown.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!onFx(() -> page.viewModel().sceneProperty().get() != null && !page.viewModel().busyProperty().get()
                    && page.viewModel().sceneProperty().get().comparison().topology().nodeCount() == nodes)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topology did not finish simulating within 120 s");
                }
                Thread.sleep(100);
            }
            Result[] results = new Result[zooms.length];
            for (int i = 0; i < zooms.length; i++) {
                results[i] = pan(page, zooms[i], each);
            }
            if (screenshot != null) {
                CompletableFuture<javafx.scene.image.WritableImage> shot = new CompletableFuture<>();
                Platform.runLater(() -> {
                    TopologyView view = page.view();
                    view.viewport().fit(view.flatCanvas().getWidth(), view.flatCanvas().getHeight());
                    view.flatCanvas().whenCurrent(() -> view.hybridCanvas().whenCurrent(() -> Platform.runLater(() ->
                            shot.complete(view.root().getScene().snapshot(null)))));
                });
                PngFiles.write(shot.get(60, TimeUnit.SECONDS), screenshot);
            }
            Platform.runLater(() -> page.view().root().getScene().getWindow().hide());
            return results;
        } finally {
            tasks.close();
            Platform.exit();
        }
    }

    private static Result pan(TopologyPage page, double zoom, Duration duration) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            TopologyView view = page.view();
            Viewport viewport = view.viewport();
            GraphCanvas canvas = view.flatCanvas();
            viewport.fit(canvas.getWidth(), canvas.getHeight());
            viewport.zoomAt(zoom, canvas.getWidth() / 2, canvas.getHeight() / 2);
            Scene scene = view.root().getScene();
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            long draws0 = canvas.frames() + view.hybridCanvas().frames();
            long[] stamps = new long[100_000];
            int[] count = {0};
            long end = duration.toNanos();
            new AnimationTimer() {
                private long start = -1;
                private double lastX;
                private double lastY;

                @Override
                public void handle(long now) {
                    if (start < 0) {
                        start = now;
                        tracker.resetAverageFPS();
                    }
                    if (count[0] < stamps.length) {
                        stamps[count[0]++] = now;
                    }
                    double t = (now - start) / 1e9;
                    double x = 150 * Math.cos(2 * Math.PI * t);
                    double y = 150 * Math.sin(2 * Math.PI * t);
                    viewport.panBy(x - lastX, y - lastY);
                    lastX = x;
                    lastY = y;
                    if (now - start >= end) {
                        stop();
                        int n = count[0];
                        double[] gaps = new double[Math.max(0, n - 1)];
                        for (int i = 1; i < n; i++) {
                            gaps[i - 1] = (stamps[i] - stamps[i - 1]) / 1e6;
                        }
                        Arrays.sort(gaps);
                        double seconds = (now - start) / 1e9;
                        long draws = canvas.frames() + view.hybridCanvas().frames() - draws0;
                        var picture = view.flatCanvasPicture();
                        done.complete(new Result(picture.nodeCount(), picture.topology().links().size(), zoom, seconds,
                                draws, tracker.getAverageFPS(), (n - 1) / seconds,
                                gaps.length == 0 ? 0 : gaps[(int) Math.ceil(0.95 * gaps.length) - 1],
                                gaps.length == 0 ? 0 : gaps[gaps.length - 1]));
                    }
                }
            }.start();
        });
        return done.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
