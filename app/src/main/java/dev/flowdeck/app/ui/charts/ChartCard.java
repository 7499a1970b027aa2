package dev.flowdeck.app.ui.charts;

import dev.flowdeck.app.ui.export.Exporter;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Supplier;

/**
 * A chart in a card: title, a one-line explanation, the chart, an empty-state message over it while its stage is not
 * running, and Save as PNG / Save data as CSV in a menu and in the chart's context menu. Any node can be carded this
 * way (the alerts list too); CSV needs data sets.
 */
public final class ChartCard extends VBox {
    private static ChartCard hovered;
    private final String title;
    private final Node body;
    private final Exporter exporter;
    private final String xName;
    private final String yName;
    private final boolean timeAxis;
    private final Supplier<List<? extends DataSet>> data;
    private final HBox header;

    public ChartCard(String id, String title, String explanation, Node body, ObservableStringValue emptyText, Exporter exporter,
                     String xName, String yName, boolean timeAxis, Supplier<List<? extends DataSet>> data) {
        this.title = title;
        this.body = body;
        this.exporter = exporter;
        this.xName = xName;
        this.yName = yName;
        this.timeAxis = timeAxis;
        this.data = data;
        setId(id);
        getStyleClass().add("chart-card");

        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label(explanation);
        hint.getStyleClass().add("card-hint");
        hint.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        MenuButton menu = new MenuButton("⋯");
        menu.getStyleClass().addAll("flat", "card-menu");
        menu.setId(id + "-menu");
        menu.getItems().addAll(menuItems());
        header = new HBox(8, heading, hint, spacer, menu);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("card-header");

        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        if (emptyText != null) {
            empty.textProperty().bind(emptyText);
            empty.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> emptyText.get() != null && !emptyText.get().isEmpty(), emptyText));
        } else {
            empty.setVisible(false);
        }
        empty.managedProperty().bind(empty.visibleProperty());
        body.opacityProperty().bind(javafx.beans.binding.Bindings.when(empty.visibleProperty()).then(0.0).otherwise(1.0));
        StackPane stack = new StackPane(body, empty);
        stack.getStyleClass().add("card-body");
        VBox.setVgrow(stack, Priority.ALWAYS);
        getChildren().addAll(header, stack);

        ContextMenu context = new ContextMenu(menuItems().toArray(MenuItem[]::new));
        body.setOnContextMenuRequested(e -> context.show(body, e.getScreenX(), e.getScreenY()));
        setOnMouseEntered(e -> hovered = this);
        setOnMouseExited(e -> {
            if (hovered == this) {
                hovered = null;
            }
        });
    }

    /** Adds a control to the header, before the menu (e.g. "Run sweep"). */
    public void addHeaderNode(Node node) {
        header.getChildren().add(header.getChildren().size() - 1, node);
    }

    private List<MenuItem> menuItems() {
        MenuItem png = new MenuItem("Save chart as PNG…");
        png.setOnAction(e -> savePng());
        if (data == null) {
            return List.of(png);
        }
        MenuItem csv = new MenuItem("Save data as CSV…");
        csv.setOnAction(e -> saveCsv());
        return List.of(png, csv);
    }

    public void savePng() {
        exporter.savePng(this, title);
    }

    public void saveCsv() {
        if (data != null) {
            exporter.saveCsv(getScene() == null ? null : getScene().getWindow(), title, xName, yName, timeAxis, data.get());
        }
    }

    public String title() {
        return title;
    }

    public Node body() {
        return body;
    }

    /** The card under the mouse pointer, if any: what the "save chart" shortcut saves. */
    public static java.util.Optional<ChartCard> hovered() {
        return java.util.Optional.ofNullable(hovered);
    }

    /** A card around a ChartFX chart whose CSV is all its renderers' data sets. */
    public static ChartCard of(String id, String title, String explanation, XYChart chart, ObservableStringValue emptyText,
                               Exporter exporter, String xName, String yName, boolean timeAxis) {
        return new ChartCard(id, title, explanation, chart, emptyText, exporter, xName, yName, timeAxis,
                () -> chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream()).toList());
    }
}
