package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.engine.StageState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

import java.util.Locale;

/** One box of the diagram strip: a status light, the stage's name, its rate, how far behind it is, Start/Stop. */
final class StageCardView extends VBox {
    StageCardView(StageCardViewModel vm, Runnable toggle) {
        setId("stage-" + vm.id());
        getStyleClass().add("stage-card");

        Circle light = new Circle(5);
        light.getStyleClass().add("status-light");
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("stage-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label state = new Label();
        state.textProperty().bind(vm.stateTextProperty());
        state.getStyleClass().add("stage-state");
        state.setId("stage-" + vm.id() + "-state");
        HBox top = new HBox(6, light, title, spacer, state);
        top.setAlignment(Pos.CENTER_LEFT);

        Label rate = new Label();
        rate.textProperty().bind(vm.rateProperty());
        rate.getStyleClass().add("stage-rate");
        rate.setId("stage-" + vm.id() + "-rate");
        Label behind = new Label();
        behind.textProperty().bind(vm.behindProperty());
        behind.getStyleClass().add("stage-behind");
        behind.visibleProperty().bind(vm.behindProperty().isNotEmpty());
        Label detail = new Label();
        detail.textProperty().bind(vm.detailProperty());
        detail.getStyleClass().add("stage-detail");

        Button button = new Button();
        button.setId("stage-" + vm.id() + "-toggle");
        button.getStyleClass().addAll("small", "stage-toggle");
        button.textProperty().bind(Bindings.when(vm.activeProperty()).then("Stop").otherwise("Start"));
        button.disableProperty().bind(vm.controllableProperty().not());
        button.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.stageName() != null, vm.controllableProperty()));
        button.setOnAction(e -> toggle.run());
        button.setMaxWidth(Double.MAX_VALUE);

        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        getChildren().addAll(top, rate, behind, detail, grow, button);

        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(vm.titleProperty(), ": ", vm.stateTextProperty(), "\n", vm.reasonProperty()));
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Tooltip.install(this, tip);

        vm.stateProperty().addListener((o, was, now) -> styleFor(now));
        styleFor(vm.stateProperty().get());
    }

    private void styleFor(StageState s) {
        getStyleClass().removeIf(c -> c.startsWith("state-"));
        getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT));
    }
}
