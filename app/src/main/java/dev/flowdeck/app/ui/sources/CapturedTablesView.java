package dev.flowdeck.app.ui.sources;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.function.Function;

/**
 * The Pipeline page's card of captured tables (rate, lag since commit, changes, snapshot). Hidden while nothing is
 * captured; samples twice a second while it is in a window.
 */
public final class CapturedTablesView extends VBox {
    private final Timeline sample;

    public CapturedTablesView(CapturedTablesViewModel vm) {
        super(6);
        setId("captured-tables");
        getStyleClass().add("chart-card");
        Label title = new Label("Captured tables");
        title.getStyleClass().add("card-title");
        TableView<CapturedTablesViewModel.Line> table = new TableView<>(vm.lines());
        table.setId("captured-tables-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Table", 150, l -> new ReadOnlyObjectWrapper<>(l.table())));
        table.getColumns().add(column("Topic", 220, l -> new ReadOnlyObjectWrapper<>(l.topic())));
        table.getColumns().add(column("Rate", 90, CapturedTablesViewModel.Line::rateProperty));
        table.getColumns().add(column("Lag (since commit)", 130, CapturedTablesViewModel.Line::lagProperty));
        table.getColumns().add(column("Snapshot", 100, CapturedTablesViewModel.Line::snapshotProperty));
        table.getColumns().add(column("Changes", 220, CapturedTablesViewModel.Line::changesProperty));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setFixedCellSize(28);
        // one line per table, no scrolling: the card is as tall as its tables (plus the header)
        var height = javafx.beans.binding.Bindings.size(vm.lines()).multiply(28).add(48);
        table.prefHeightProperty().bind(height);
        table.minHeightProperty().bind(height);
        table.maxHeightProperty().bind(height);
        getChildren().addAll(title, table);
        managedProperty().bind(vm.activeProperty());
        visibleProperty().bind(vm.activeProperty());
        sample = new Timeline(new KeyFrame(Duration.millis(500), e -> vm.refresh()));
        sample.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                sample.stop();
            } else {
                sample.play();
            }
        });
        vm.refresh();
    }

    private static TableColumn<CapturedTablesViewModel.Line, String> column(String title, double width,
            Function<CapturedTablesViewModel.Line, ObservableValue<String>> value) {
        TableColumn<CapturedTablesViewModel.Line, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> value.apply(r.getValue()));
        c.setPrefWidth(width);
        return c;
    }
}
