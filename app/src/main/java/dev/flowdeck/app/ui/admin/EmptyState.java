package dev.flowdeck.app.ui.admin;

import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** What a page shows over its content while its connection is not there yet. */
final class EmptyState {
    private EmptyState() {
    }

    static Node label(ObservableBooleanValue connected, String text) {
        Label l = new Label(text);
        l.setId("empty-state");
        l.setWrapText(true);
        l.setMaxWidth(520);
        l.setAlignment(Pos.CENTER);
        l.getStyleClass().add("empty-state");
        StackPane cover = new StackPane(l);
        cover.getStyleClass().add("empty-state-cover");
        cover.visibleProperty().bind(javafx.beans.binding.Bindings.not(connected));
        return cover;
    }
}
