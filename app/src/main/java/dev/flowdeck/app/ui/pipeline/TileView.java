package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.kit.BoundLabel;
import dev.flowdeck.app.ui.kit.Sparkline;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A headline number: title, value, what it measures, and a sparkline of its recent history. */
final class TileView extends VBox {
    TileView(TileViewModel vm) {
        setId("tile-" + vm.id());
        getStyleClass().add("metric-tile");
        Label title = BoundLabel.of(vm.titleProperty(), "tile-title");
        Label value = BoundLabel.of(vm.valueProperty(), "tile-value", "tile-" + vm.id() + "-value");
        Label caption = BoundLabel.of(vm.captionProperty(), "tile-caption");
        Sparkline spark = new Sparkline();
        vm.historyProperty().addListener((o, was, now) -> spark.setValues(now));
        spark.setValues(vm.historyProperty().get());
        getChildren().addAll(title, value, spark, caption);
        setMinWidth(0);
    }
}
