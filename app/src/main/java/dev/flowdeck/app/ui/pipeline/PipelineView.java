package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.kit.LiveScrollPane;
import dev.flowdeck.app.ui.charts.ChartCard;
import dev.flowdeck.app.ui.charts.Charts;
import dev.flowdeck.app.ui.charts.RollingSeries;
import dev.flowdeck.app.ui.export.Exporter;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pipeline page: a header with Start all / Stop all, the diagram strip of stages, the headline tiles, the live
 * controls on the left and the charts on the right. It binds to {@link PipelineViewModel}; the charts' data sets
 * are filled by {@link PipelineCharts} off the FX thread.
 */
final class PipelineView extends LiveScrollPane {
    private final List<ChartCard> cards = new ArrayList<>();
    private final VBox root;

    PipelineView(PipelineViewModel vm, PipelineCharts data, Exporter exporter) {
        setId("pipeline");
        getStyleClass().addAll("page", "edge-to-edge");
        setFitToWidth(true);
        setFitToHeight(true);

        root = new VBox(12, header(vm), resetBar(vm), strip(vm), tiles(vm), body(vm, data, exporter));
        root.getStyleClass().add("page-content");
        setContent(root);
    }

    /** Adds a section under the tiles (e.g. the captured tables). */
    void addBelowTiles(javafx.scene.Node section) {
        root.getChildren().add(4, section);
    }

    List<ChartCard> cards() {
        return cards;
    }

    private static HBox header(PipelineViewModel vm) {
        Label title = new Label("Pipeline");
        title.getStyleClass().add("page-title");
        title.setId("page-title-pipeline");
        Label subtitle = new Label();
        subtitle.textProperty().bind(vm.subtitleProperty());
        subtitle.getStyleClass().add("page-subtitle");
        VBox titles = new VBox(0, title, subtitle);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button start = new Button("Start all");
        start.setId("start-all");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> vm.startAll());
        start.disableProperty().bind(vm.busyProperty());
        Button stop = new Button("Stop all");
        stop.setId("stop-all");
        stop.setOnAction(e -> vm.stopAll());
        stop.disableProperty().bind(vm.busyProperty().or(vm.runningProperty().not()));
        HBox h = new HBox(8, titles, spacer, start, stop);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** Shown only when the CDC stopped because its database was reset: the reason and the two ways on. */
    private static HBox resetBar(PipelineViewModel vm) {
        Label text = new Label();
        text.textProperty().bind(vm.sourceResetProperty());
        text.setWrapText(true);
        text.setId("source-reset-message");
        text.setMinHeight(Region.USE_PREF_SIZE); // the whole reason and both choices, never cut off
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button resnapshot = new Button("Re-snapshot");
        resnapshot.setId("source-reset-resnapshot");
        resnapshot.getStyleClass().add("accent");
        resnapshot.setMinWidth(Region.USE_PREF_SIZE);
        resnapshot.setOnAction(e -> vm.resolveSourceReset(dev.flowdeck.engine.config.ResetChoice.RESNAPSHOT));
        Button resume = new Button("Resume from now");
        resume.setId("source-reset-resume");
        resume.setMinWidth(Region.USE_PREF_SIZE);
        resume.setOnAction(e -> vm.resolveSourceReset(dev.flowdeck.engine.config.ResetChoice.RESUME));
        HBox bar = new HBox(8, text, resnapshot, resume);
        bar.setId("source-reset");
        bar.getStyleClass().add("source-reset-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(vm.sourceResetProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static HBox strip(PipelineViewModel vm) {
        HBox strip = new HBox(0);
        strip.setId("diagram");
        strip.getStyleClass().add("diagram-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        List<StageCardViewModel> stages = vm.stages();
        for (int i = 0; i < stages.size(); i++) {
            StageCardViewModel s = stages.get(i);
            StageCardView card = new StageCardView(s, () -> vm.toggle(s));
            HBox.setHgrow(card, Priority.ALWAYS);
            card.setMaxWidth(Double.MAX_VALUE);
            card.setPrefWidth(170);
            card.setMinWidth(130);
            if (i > 0) {
                Label arrow = new Label(s.id().equals("cloud") ? "or" : "→");
                arrow.getStyleClass().add("diagram-arrow");
                arrow.setMinWidth(Region.USE_PREF_SIZE);
                strip.getChildren().add(arrow);
            }
            strip.getChildren().add(card);
        }
        return strip;
    }

    private static GridPane tiles(PipelineViewModel vm) {
        GridPane grid = new GridPane();
        grid.setId("tiles");
        grid.setHgap(10);
        List<TileViewModel> tiles = vm.tiles();
        for (int i = 0; i < tiles.size(); i++) {
            TileView tile = new TileView(tiles.get(i));
            grid.add(tile, i, 0);
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / tiles.size());
            c.setFillWidth(true);
            grid.getColumnConstraints().add(c);
            tile.setMaxWidth(Double.MAX_VALUE);
        }
        return grid;
    }

    private HBox body(PipelineViewModel vm, PipelineCharts data, Exporter exporter) {
        ControlsPanel controls = new ControlsPanel(vm);
        ScrollPane controlsScroll = new LiveScrollPane(controls);
        controlsScroll.setFitToWidth(true);
        controlsScroll.getStyleClass().addAll("controls-scroll", "edge-to-edge");
        controlsScroll.setMinWidth(260);
        controlsScroll.setPrefWidth(270);
        controlsScroll.setMaxWidth(290);

        StringBinding notRunning = Bindings.when(vm.runningProperty()).then("").otherwise("Pipeline not running");

        XYChart rates = Charts.timeSeries("items/s", null);
        for (RollingSeries s : data.rates.all()) {
            Charts.renderer(rates).getDatasets().add(s.data());
        }
        add(ChartCard.of("chart-rates", "Events/s by stage", "rows or events handled per second", rates, notRunning,
                exporter, "time", "items/s", true));

        XYChart latency = Charts.timeSeries("ms", null);
        for (RollingSeries s : data.latency.all()) {
            Charts.renderer(latency).getDatasets().add(s.data());
        }
        add(ChartCard.of("chart-latency", "Pipeline latency", "per hop, recent window", latency,
                Bindings.when(vm.runningProperty()).then("").otherwise("Pipeline not running"), exporter, "time", "latency ms", true));

        XYChart tierLatency = Charts.timeSeries("ms", null);
        for (RollingSeries s : data.tierLatency.all()) {
            Charts.renderer(tierLatency).getDatasets().add(s.data());
        }
        add(ChartCard.of("chart-tier-latency", "Edge vs cloud latency", "p50 and p99 per tier", tierLatency,
                vm.tiersEmptyProperty(), exporter, "time", "latency ms", true));

        DefaultNumericAxis tx = Charts.valueAxis("throughput (req/s)", null);
        tx.setSide(io.fair_acc.chartfx.ui.geometry.Side.BOTTOM);
        tx.setForceZeroInRange(true);
        XYChart load = Charts.chart(tx, Charts.valueAxis("mean time in tier (ms)", null));
        ErrorDataSetRenderer live = Charts.points(Charts.renderer(load));
        live.setAssumeSortedData(false);
        live.setPointReduction(false);
        live.setUseGlobalColorIndex(false);
        data.load.live().forEach(s -> live.getDatasets().add(s.data()));
        ErrorDataSetRenderer swept = Charts.points(new ErrorDataSetRenderer());
        swept.setUseGlobalColorIndex(false);
        swept.getDatasets().addAll(data.load.sweep());
        swept.getNode().getStyleClass().add("sweep-renderer");
        swept.setShowInLegend(false);
        ErrorDataSetRenderer curve = Charts.lines(new ErrorDataSetRenderer());
        curve.setUseGlobalColorIndex(false);
        curve.getDatasets().addAll(data.load.theory());
        curve.getNode().getStyleClass().add("theory-renderer");
        curve.setShowInLegend(false);
        live.getNode().getStyleClass().add("live-renderer");
        load.getRenderers().addAll(swept, curve);
        Button sweep = new Button();
        sweep.setId("run-sweep");
        sweep.getStyleClass().addAll("small");
        sweep.textProperty().bind(Bindings.when(vm.sweepRunningProperty()).then("Sweeping…").otherwise("Sweep"));
        sweep.setMinWidth(Region.USE_PREF_SIZE);
        sweep.disableProperty().bind(vm.sweepRunningProperty());
        sweep.setOnAction(e -> vm.runSweep());
        sweep.setTooltip(new javafx.scene.control.Tooltip("Runs each tier's current settings on the simulated clock at 10–95 % "
                + "of capacity (" + "20,000 jobs a step) and plots the measured means beside the theory"));
        ChartCard loadCard = ChartCard.of("chart-load", "Throughput vs latency", "dots live · rings sweep · lines theory", load,
                vm.tiersEmptyProperty(), exporter, "throughput req/s", "mean time in tier ms", false);
        loadCard.addHeaderNode(sweep);
        add(loadCard);

        CategoryAxis regionAxis = new CategoryAxis("region");
        regionAxis.setAutoUnitScaling(false);
        regionAxis.getStyleClass().add("category-axis");
        regionAxis.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.DO_NOTHING);
        regionAxis.setSide(io.fair_acc.chartfx.ui.geometry.Side.BOTTOM);
        XYChart regions = Charts.chart(regionAxis, Charts.valueAxis("events", null));
        Charts.bars(Charts.renderer(regions)).getDatasets().add(data.regions.counts());
        regions.setLegendVisible(false);
        // "ap-northeast" on two lines ("ap" / "northeast"): seven regions fit side by side without overlapping
        regionAxis.setAutoRanging(false);
        data.onRegionNames(names -> {
            regionAxis.setCategories(names.stream().map(n -> n.replaceFirst("-", "\n")).toList());
            regionAxis.setMin(-0.6); // half a bar's room at both ends, so the outer bars are whole
            regionAxis.setMax(names.size() - 0.4);
        });
        add(ChartCard.of("chart-regions", "Aggregates per region", "events in the last window", regions,
                vm.processorEmptyProperty(), exporter, "region", "events", false));

        ListView<PipelineViewModel.AlertRow> alerts = new ListView<>(vm.alertsProperty());
        alerts.setCellFactory(l -> new AlertCell());
        alerts.setId("alerts");
        alerts.getStyleClass().addAll("alerts-list", "dense");
        alerts.setPlaceholder(new Label("No alerts yet"));
        ChartCard alertCard = new ChartCard("chart-alerts", "Alerts", "rules and anomalies, newest first", alerts,
                vm.alertsEmptyProperty(), exporter, null, null, false, null);
        cards.add(alertCard);

        GridPane grid = new GridPane();
        grid.setId("charts");
        grid.setHgap(10);
        grid.setVgap(10);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < cards.size(); i++) {
            ChartCard card = cards.get(i);
            card.setMinHeight(200);
            grid.add(card, i % 3, i / 3);
        }
        HBox.setHgrow(grid, Priority.ALWAYS);
        HBox body = new HBox(12, controlsScroll, grid);
        VBox.setVgrow(body, Priority.ALWAYS);
        body.setMinHeight(440);
        return body;
    }

    /** Two lines per alert: time, rule and subject; then the processor's message, muted. */
    private static final class AlertCell extends javafx.scene.control.ListCell<PipelineViewModel.AlertRow> {
        private final Label head = new Label();
        private final Label body = new Label();
        private final VBox box = new VBox(1, head, body);

        AlertCell() {
            setPrefWidth(0); // as wide as the list, never wider: long messages end in "…", no horizontal scrolling
            head.setMinWidth(0);
            head.getStyleClass().add("alert-head");
            body.getStyleClass().add("alert-body");
            body.setMinWidth(0);
        }

        @Override
        protected void updateItem(PipelineViewModel.AlertRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
            } else {
                head.setText(item.time() + "   " + item.rule() + (item.subject().isEmpty() ? "" : " · " + item.subject()));
                body.setText(item.message());
                setGraphic(box);
                setText(null);
            }
        }
    }

    private void add(ChartCard card) {
        cards.add(card);
    }
}
