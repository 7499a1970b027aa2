package dev.flowdeck.app.ui.topology;

import dev.flowdeck.app.ui.export.PngFiles;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.ui.charts.Charts;
import dev.flowdeck.engine.topology.DeliveryMetrics;
import dev.flowdeck.engine.topology.TopologySettings;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Topology page's view: settings on the left with the selected node's details, the flat and the hybrid graph
 * side by side (shared zoom and pan) with a legend, then the comparison table and charts. It binds to the view model
 * and holds no logic of its own beyond drawing and input.
 */
public final class TopologyView {
    private final TopologyViewModel vm;
    private final TaskRunner tasks;
    private final BorderPane root = new BorderPane();
    private final Viewport viewport = new Viewport();
    private final GraphCanvas flatCanvas;
    private final GraphCanvas hybridCanvas;
    private final VBox graphs = new VBox(6);
    private final Label exportStatus = new Label();

    public TopologyView(TopologyViewModel vm, TaskRunner tasks) {
        this.vm = vm;
        this.tasks = tasks;
        flatCanvas = new GraphCanvas(false, viewport, tasks, vm::select);
        hybridCanvas = new GraphCanvas(true, viewport, tasks, vm::select);
        flatCanvas.setId("flatCanvas");
        hybridCanvas.setId("hybridCanvas");
        root.setId("topology");
        root.getStylesheets().add(TopologyView.class.getResource("topology.css").toExternalForm());
        root.getStyleClass().add("topology-page");
        root.setTop(header());
        root.setLeft(sidebar());
        root.setCenter(centre());
        vm.sceneProperty().addListener((obs, was, now) -> {
            flatCanvas.setPicture(now.picture());
            hybridCanvas.setPicture(now.picture());
            flatCanvas.setFailed(vm.failedProperty().get());
            hybridCanvas.setFailed(vm.failedProperty().get());
        });
        vm.failedProperty().addListener((obs, was, now) -> {
            flatCanvas.setFailed(now);
            hybridCanvas.setFailed(now);
        });
        vm.selectedNodeProperty().addListener((obs, was, now) -> {
            flatCanvas.setSelected(now.intValue());
            hybridCanvas.setSelected(now.intValue());
        });
    }

    public Region root() {
        return root;
    }

    public GraphCanvas flatCanvas() {
        return flatCanvas;
    }

    public GraphCanvas hybridCanvas() {
        return hybridCanvas;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** The picture on screen (the benchmark reports its size). */
    public GraphPicture flatCanvasPicture() {
        return vm.sceneProperty().get().picture();
    }

    /** The two graphs with their titles and legend: what the PNG export saves. */
    Node graphs() {
        return graphs;
    }

    // ---- header ---------------------------------------------------------------------------------------------------

    private Node header() {
        Label title = new Label("Topology");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("Flat CDN vs hybrid P2P + CDN: both built from the same seeded parameters, "
                + "both given the same requests. Click a node to fail it.");
        subtitle.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());
        Button fit = new Button("Fit");
        fit.setId("fitButton");
        fit.setMinWidth(Region.USE_PREF_SIZE);
        fit.setTooltip(new Tooltip("Show the whole topology (scroll to zoom, drag to pan)"));
        fit.setOnAction(e -> viewport.fit(flatCanvas.getWidth(), flatCanvas.getHeight()));
        Button export = new Button("Export PNG…");
        export.setId("exportButton");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.setOnAction(e -> chooseAndExport());
        HBox top = new HBox(12, title, subtitle, grow, spinner, fit, export);
        top.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("summary");
        summary.getStyleClass().add("summary");
        summary.textProperty().bind(vm.summaryProperty());
        Region grow2 = new Region();
        HBox.setHgrow(grow2, Priority.ALWAYS);
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        exportStatus.getStyleClass().add("muted");
        HBox second = new HBox(12, summary, grow2, exportStatus, status);
        second.setAlignment(Pos.CENTER_LEFT);

        VBox bar = new VBox(4, top, second);
        bar.setPadding(new Insets(10, 14, 8, 14));
        bar.getStyleClass().add("header");
        return bar;
    }

    // ---- sidebar: settings and details ----------------------------------------------------------------------------

    private Node sidebar() {
        TopologySettings defaults = TopologySettings.defaults();
        Label settingsTitle = section("Settings");
        VBox settings = new VBox(8, settingsTitle,
                slider("clientsSlider", "Clients", 50, 5000, 50, vm.clientsProperty(), v -> String.format(Locale.ROOT, "%,.0f", v)),
                slider("peersSlider", "Peers per client", 0, 10, 1, vm.peersPerClientProperty(), v -> String.format(Locale.ROOT, "%.0f", v)),
                slider("uploadSlider", "Peer upload", 0, 20, 0.1, vm.peerUploadMbpsProperty(), v -> String.format(Locale.ROOT, "%.1f Mbps", v)),
                slider("churnSlider", "Churn (share of time away)", 0, 1, 0.01, vm.churnProperty(), v -> String.format(Locale.ROOT, "%.0f %%", 100 * v)),
                slider("zipfSlider", "Popularity skew (Zipf s)", 0, 1.6, 0.05, vm.zipfExponentProperty(), v -> String.format(Locale.ROOT, "%.2f", v)),
                slider("seedSlider", "Seed", 1, 99, 1, vm.seedProperty(), v -> String.format(Locale.ROOT, "%.0f", v)));
        Label note = new Label(String.format(Locale.ROOT, "%d regions × %d edge servers, %d items of %.0f MB, "
                        + "%d requests per client over %.0f s. A client needs %.2f Mbps on average.",
                defaults.regions(), defaults.edgesPerRegion(), defaults.catalogueItems(), defaults.segmentMb(),
                defaults.requestsPerClient(), defaults.durationSec(), defaults.demandMbpsPerClient()));
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        settings.getChildren().add(note);

        VBox box = new VBox(16, settings, details());
        box.setPadding(new Insets(6, 14, 14, 14));
        box.setPrefWidth(285);
        box.setMinWidth(285);
        box.setMaxWidth(285);
        return box;
    }

    private Node slider(String id, String name, double min, double max, double step, Property<Number> value,
                        DoubleFunction<String> format) {
        Slider slider = new Slider(min, max, value.getValue().doubleValue());
        slider.setId(id);
        slider.setBlockIncrement(step);
        slider.setMajorTickUnit(step);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.valueProperty().bindBidirectional(value);
        Label label = new Label(name);
        Label shown = new Label();
        shown.getStyleClass().add("value");
        shown.textProperty().bind(Bindings.createStringBinding(
                () -> format.apply(slider.getValue()), slider.valueProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        return new VBox(2, new HBox(6, label, grow, shown), slider);
    }

    private Node details() {
        Label title = section("Selected node");
        Label name = new Label("Click a node in either graph.");
        name.setId("nodeTitle");
        name.getStyleClass().add("node-title");
        name.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setId("nodeDetails");
        grid.setHgap(8);
        grid.setVgap(3);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setPrefWidth(105);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setPrefWidth(72);
        ColumnConstraints c2 = new ColumnConstraints();
        c2.setPrefWidth(72);
        grid.getColumnConstraints().setAll(c0, c1, c2);
        Button fail = new Button("Fail");
        fail.setId("failButton");
        fail.setMaxWidth(Double.MAX_VALUE);
        fail.setOnAction(e -> vm.toggleFailSelected());
        Button restoreAll = new Button("Restore all");
        restoreAll.setId("restoreAllButton");
        restoreAll.setMaxWidth(Double.MAX_VALUE);
        restoreAll.setOnAction(e -> vm.restoreAll());
        restoreAll.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.failedProperty().get().isEmpty(), vm.failedProperty()));
        Label down = new Label();
        down.setId("failedCount");
        down.getStyleClass().add("muted");
        down.textProperty().bind(Bindings.createStringBinding(
                () -> vm.failedProperty().get().isEmpty() ? "All nodes up." : vm.failedProperty().get().size() + " node(s) down.",
                vm.failedProperty()));
        HBox.setHgrow(fail, Priority.ALWAYS);
        HBox.setHgrow(restoreAll, Priority.ALWAYS);
        HBox buttons = new HBox(8, fail, restoreAll);
        vm.detailsProperty().addListener((obs, was, d) -> {
            grid.getChildren().clear();
            fail.setDisable(d == null);
            if (d == null) {
                name.setText("Click a node in either graph.");
                fail.setText("Fail");
                return;
            }
            name.setText(d.id() + (d.failed() ? "  (down)" : ""));
            int row = 0;
            row = fact(grid, row, "Role", d.role());
            row = fact(grid, row, "Region", d.region());
            row = fact(grid, row, "Capacity", d.capacity());
            row = fact(grid, row, "Holds", d.holds());
            grid.add(bold(""), 0, row);
            grid.add(bold("Flat"), 1, row);
            grid.add(bold("Hybrid"), 2, row++);
            row = compare(grid, row, "Load", d.flatLoad(), d.hybridLoad());
            row = compare(grid, row, "Requests served", d.flatServed(), d.hybridServed());
            compare(grid, row, d.latencyLabel(), d.flatLatency(), d.hybridLatency());
            fail.setText(d.failed() ? "Restore" : "Fail");
        });
        fail.setDisable(true);
        VBox box = new VBox(8, title, name, grid, buttons, down);
        box.getStyleClass().add("card");
        return box;
    }

    private static int fact(GridPane grid, int row, String key, String value) {
        Label k = muted(key);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.add(k, 0, row);
        grid.add(v, 1, row, 2, 1);
        return row + 1;
    }

    private static int compare(GridPane grid, int row, String key, String flat, String hybrid) {
        Label k = muted(key);
        k.setWrapText(true);
        grid.add(k, 0, row);
        grid.add(new Label(flat), 1, row);
        grid.add(new Label(hybrid), 2, row);
        return row + 1;
    }

    // ---- centre: graphs, legend, table, charts ----------------------------------------------------------------

    private Node centre() {
        HBox pair = new HBox(10, graphPane("Flat CDN", "flatHeader", flatCanvas, false),
                graphPane("Hybrid P2P + CDN", "hybridHeader", hybridCanvas, true));
        VBox.setVgrow(pair, Priority.ALWAYS);
        graphs.getChildren().setAll(pair, legend());
        graphs.getStyleClass().add("graphs");
        graphs.setPadding(new Insets(8));
        VBox.setVgrow(graphs, Priority.ALWAYS);

        TableView<ComparisonRow> table = table();
        HBox.setHgrow(table, Priority.ALWAYS);
        Node latencyChart = chart("Time to first byte", "latency", "ms", TopologyViewModel.LATENCY_CATEGORIES,
                vm.latencyFlat(), vm.latencyHybrid(), sc -> Math.max(sc.comparison().flat().metrics().latencyP95Ms(),
                        sc.comparison().hybrid().metrics().latencyP95Ms()));
        Node shareChart = chart("Who serves, and how reliably", "share", "%", TopologyViewModel.SHARE_CATEGORIES,
                vm.shareFlat(), vm.shareHybrid(), sc -> 100);
        HBox bottom = new HBox(10, table, latencyChart, shareChart);
        bottom.setPrefHeight(310);
        bottom.setMinHeight(310);
        bottom.setMaxHeight(310);
        VBox centre = new VBox(8, graphs, bottom);
        centre.setPadding(new Insets(0, 14, 12, 0));
        return centre;
    }

    private Node graphPane(String name, String id, GraphCanvas canvas, boolean hybrid) {
        Label title = new Label(name);
        title.getStyleClass().add("graph-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label numbers = new Label();
        numbers.setId(id);
        numbers.getStyleClass().add("graph-numbers");
        vm.sceneProperty().addListener((obs, was, now) -> {
            DeliveryMetrics m = hybrid ? now.comparison().hybrid().metrics() : now.comparison().flat().metrics();
            numbers.setText(String.format(Locale.ROOT, "mean %.1f ms · p95 %.0f ms · offload %.1f %% · success %.1f %%",
                    m.latencyMeanMs(), m.latencyP95Ms(), 100 * m.offload(), 100 * m.successRate()));
        });
        HBox head = new HBox(10, title, numbers);
        head.setAlignment(Pos.BASELINE_LEFT);
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("graph-frame");
        VBox.setVgrow(frame, Priority.ALWAYS);
        VBox box = new VBox(4, head, frame);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMinWidth(200);
        box.setPrefWidth(400);
        return box;
    }

    private Node legend() {
        FlowPane legend = new FlowPane(16, 4);
        legend.setId("legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("legend");
        legend.getChildren().addAll(
                item(dot(GraphPalette.ORIGIN, 7), "origin"),
                item(dot(GraphPalette.EDGE, 6), "CDN edge server"),
                item(new HBox(2, dot(GraphPalette.CLIENT[0], 4), dot(GraphPalette.CLIENT[1], 4), dot(GraphPalette.CLIENT[2], 4),
                        dot(GraphPalette.CLIENT[3], 4)), "client / peer: idle → busy uploading"),
                item(line(GraphPicture.LinkGroup.CORE), "CDN backbone"),
                item(line(GraphPicture.LinkGroup.ACCESS), "client–edge access"),
                item(line(GraphPicture.LinkGroup.PEER), "peer link"),
                item(line(GraphPicture.LinkGroup.DIRECT), "client–origin via Internet (shown when used)"),
                item(failedMark(), "failed"),
                item(selectedMark(), "selected"),
                muted("Servers grow with load; links brighten and thicken with traffic (one scale for both)."));
        return legend;
    }

    private static Node item(Node symbol, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("legend-text");
        HBox box = new HBox(5, symbol, label);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Node dot(Color color, double radius) {
        Circle c = new Circle(radius, color);
        c.setStroke(GraphPalette.NODE_OUTLINE);
        return c;
    }

    private static Node line(GraphPicture.LinkGroup group) {
        Line l = new Line(0, 0, 22, 0);
        l.setStroke(GraphPalette.link(group, 3));
        l.setStrokeWidth(Math.max(2, GraphPalette.linkWidth(group, 3)));
        StackPane p = new StackPane(new Rectangle(26, 12, GraphPalette.BACKGROUND), l);
        return p;
    }

    private static Node selectedMark() {
        Circle ring = new Circle(6, Color.TRANSPARENT);
        ring.setStroke(GraphPalette.SELECTED);
        ring.setStrokeWidth(2);
        return new StackPane(new Rectangle(18, 16, GraphPalette.BACKGROUND), ring);
    }

    private static Node failedMark() {
        Line a = new Line(0, 0, 9, 9);
        Line b = new Line(0, 9, 9, 0);
        a.setStroke(GraphPalette.FAILED_MARK);
        b.setStroke(GraphPalette.FAILED_MARK);
        a.setStrokeWidth(2);
        b.setStrokeWidth(2);
        return new StackPane(new Circle(7, GraphPalette.FAILED_FILL), a, b);
    }

    private TableView<ComparisonRow> table() {
        TableView<ComparisonRow> table = new TableView<>(vm.rows());
        table.setId("comparisonTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Metric", ComparisonRow::metric, 180),
                column("Flat", ComparisonRow::flat, 100),
                column("Hybrid", ComparisonRow::hybrid, 115),
                column("Change", ComparisonRow::change, 95)));
        table.setFixedCellSize(22);
        table.setPlaceholder(new Label("Simulating…"));
        table.setMinWidth(500);
        table.setPrefWidth(510);
        table.setMaxWidth(520);
        return table;
    }

    private static TableColumn<ComparisonRow, String> column(String name, Function<ComparisonRow, String> value, double width) {
        TableColumn<ComparisonRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private Node chart(String title, String axisName, String unit, List<String> categories, DataSet flat, DataSet hybrid,
                       ToDoubleFunction<TopologyScene> top) {
        CategoryAxis x = new CategoryAxis(FXCollections.observableArrayList(categories));
        x.setSide(Side.BOTTOM);
        x.setName(null);
        x.setUnit(null);
        // Half a category of room either side, so the outer bars (at i ± 0.19) are not clipped.
        x.setAutoRanging(false);
        x.setMin(-0.5);
        x.setMax(categories.size() - 0.5);
        DefaultNumericAxis y = new DefaultNumericAxis(axisName, unit);
        y.setSide(Side.LEFT);
        y.setAutoRanging(false);
        y.setMin(0);
        y.setMax(100);
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setToolBarPinned(false);
        chart.getStyleClass().add("comparison-chart");
        ErrorDataSetRenderer bars = Charts.bars(new ErrorDataSetRenderer());
        bars.setShiftBar(false);
        // The view model puts each category's two bars at x = i - 0.19 and i + 0.19; 34 % of a category each, in
        // pixels. ChartFX's dynamic width needs more points than these few (it measures the spacing while reducing
        // points), so the width follows the axis length here instead.
        bars.setDynamicBarWidth(false);
        x.widthProperty().addListener((obs, was, now) ->
                bars.setBarWidth((int) Math.max(4, Math.round(0.34 * now.doubleValue() / categories.size()))));
        bars.getDatasets().setAll(flat, hybrid);
        chart.getRenderers().setAll(bars);
        chart.setPrefWidth(330);
        chart.setMinWidth(260);
        HBox.setHgrow(chart, Priority.ALWAYS);
        // Axis ranges are set here, on the FX thread; only the data sets are filled by the worker.
        vm.sceneProperty().addListener((obs, was, now) -> {
            double max = top.applyAsDouble(now);
            y.setMax("%".equals(unit) ? 110 : niceCeiling(max));
        });
        return chart;
    }

    /** 1, 2, 2.5 or 5 × a power of ten, just above the value (and 10 % headroom). */
    static double niceCeiling(double value) {
        double v = Math.max(1e-9, value * 1.1);
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= v) {
                return step * power;
            }
        }
        return 10 * power;
    }

    // ---- export ---------------------------------------------------------------------------------------------------

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the topology graphs as PNG");
        chooser.setInitialFileName(vm.exportFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            exportPng(file.toPath(), path -> { }, e -> { });
        }
    }

    /** Once both graphs show the current data: snapshots them (on the FX thread) and writes the PNG on the task runner. */
    public void exportPng(Path file, Consumer<Path> done, Consumer<Throwable> failed) {
        exportStatus.setText("Saving…");
        flatCanvas.whenCurrent(() -> hybridCanvas.whenCurrent(() -> {
            flatCanvas.draw();
            hybridCanvas.draw();
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.WHITE);
            WritableImage image = graphs.snapshot(parameters, null);
            tasks.run("topology PNG export", () -> PngFiles.write(image, file), path -> {
                exportStatus.setText("Saved " + path.getFileName());
                done.accept(path);
            }, e -> {
                exportStatus.setText("Could not save: " + e.getMessage());
                failed.accept(e);
            });
        }));
    }

    /** Whether both graphs show the current data (tests wait for it before a screenshot). */
    boolean graphsCurrent() {
        return flatCanvas.isCurrent() && hybridCanvas.isCurrent();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("bold");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }
}
