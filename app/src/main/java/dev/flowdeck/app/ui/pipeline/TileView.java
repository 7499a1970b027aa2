package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.kit.Sparkline;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A headline number: title, value, what it measures, and a sparkline of its recent history. */
final class TileView extends VBox {
    TileView(TileViewModel vm) {
        setId("tile-" + vm.id());
        getStyleClass().add("metric-tile");
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("tile-title");
        Label value = new Label();
        value.textProperty().bind(vm.valueProperty());
        value.getStyleClass().add("tile-value");
        value.setId("tile-" + vm.id() + "-value");
        Label caption = new Label();
        caption.textProperty().bind(vm.captionProperty());
        caption.getStyleClass().add("tile-caption");
        Sparkline spark = new Sparkline();
        vm.historyProperty().addListener((o, was, now) -> spark.setValues(now));
        spark.setValues(vm.historyProperty().get());
        getChildren().addAll(title, value, spark, caption);
        setMinWidth(0);
    }
}
