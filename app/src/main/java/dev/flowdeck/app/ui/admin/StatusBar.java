package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The muted one-line status bar at the bottom of an admin page (e.g. "updated 12:03:04"). */
final class StatusBar {
    private StatusBar() {
    }

    /** @param id the label's CSS id, for tests */
    static HBox of(String id, ObservableValue<String> text) {
        Label status = new Label();
        status.setId(id);
        status.textProperty().bind(text);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(6, 12, 6, 12));
        return bar;
    }
}
