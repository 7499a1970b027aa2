package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.kit.BoundLabel;
import dev.flowdeck.engine.StageState;
import javafx.beans.binding.BooleanBinding;
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

/**
 * One box of the diagram strip: a status light and name, the rate, how far behind it is (items and time), one more
 * fact (target, hop latency), and at the bottom the state in words with Start/Stop. A degraded or failed stage shows
 * its reason in place of that fact (cut to three lines; the whole of it is on hover), so a failover's cause is seen
 * without pointing at anything.
 */
final class StageCardView extends VBox {
    private static final double REASON_HEIGHT = 42;

    StageCardView(StageCardViewModel vm, Runnable toggle) {
        String id = "stage-" + vm.id();
        setId(id);
        getStyleClass().add("stage-card");

        Circle light = new Circle(5);
        light.getStyleClass().add("status-light");
        Label title = BoundLabel.of(vm.titleProperty(), "stage-title");
        HBox top = new HBox(6, light, title);
        top.setAlignment(Pos.CENTER_LEFT);

        Label rate = BoundLabel.of(vm.rateProperty(), "stage-rate", id + "-rate");
        rate.setMinWidth(Region.USE_PREF_SIZE);
        Label unit = BoundLabel.of(vm.rateUnitProperty(), "stage-unit");
        HBox rateRow = new HBox(4, rate, unit);
        rateRow.setAlignment(Pos.BASELINE_LEFT);

        Label behind = BoundLabel.of(vm.behindProperty(), "stage-behind", id + "-behind");
        Label waiting = BoundLabel.of(vm.waitingProperty(), "stage-behind", id + "-waiting");
        Label detail = BoundLabel.of(vm.detailProperty(), "stage-detail");
        Label trend = BoundLabel.of(vm.trendProperty(), "stage-behind", id + "-trend");

        Label reason = BoundLabel.of(vm.reasonProperty(), "stage-reason", id + "-reason");
        reason.setWrapText(true);
        reason.setAlignment(Pos.TOP_LEFT);
        // Three lines, in the place of the "waiting", trend and fact lines: the card grows by one line at most.
        reason.setMinHeight(REASON_HEIGHT);
        reason.setPrefHeight(REASON_HEIGHT);
        reason.setMaxHeight(REASON_HEIGHT);
        BooleanBinding troubled = vm.stateProperty().isEqualTo(StageState.DEGRADED)
                .or(vm.stateProperty().isEqualTo(StageState.FAILED)).and(vm.reasonProperty().isNotEmpty());
        reason.visibleProperty().bind(troubled);
        reason.managedProperty().bind(troubled);
        for (Label replaced : new Label[] {waiting, trend, detail}) {
            replaced.visibleProperty().bind(troubled.not());
            replaced.managedProperty().bind(troubled.not());
        }

        Label state = BoundLabel.of(vm.stateTextProperty(), "stage-state", id + "-state");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button button = new Button();
        button.setId(id + "-toggle");
        button.getStyleClass().addAll("small", "stage-toggle");
        button.textProperty().bind(Bindings.when(vm.activeProperty()).then("Stop").otherwise("Start"));
        button.disableProperty().bind(vm.controllableProperty().not());
        button.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.startable(), vm.controllableProperty()));
        button.setOnAction(e -> toggle.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        HBox bottom = new HBox(6, state, spacer, button);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setMinHeight(24);

        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        getChildren().addAll(top, rateRow, behind, waiting, trend, detail, reason, grow, bottom);

        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(vm.titleProperty(), ": ", vm.stateTextProperty(), "\n", vm.reasonProperty(),
                "\n", vm.behindProperty(), "  ", vm.waitingProperty(), "  ", vm.trendProperty(), "\n", vm.detailProperty()));
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(440);
        Tooltip.install(this, tip);

        vm.stateProperty().addListener((o, was, now) -> styleFor(now));
        styleFor(vm.stateProperty().get());
    }

    private void styleFor(StageState s) {
        getStyleClass().removeIf(c -> c.startsWith("state-"));
        getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT));
    }
}
