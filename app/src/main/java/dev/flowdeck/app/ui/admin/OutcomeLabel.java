package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** The line under a change's Apply button: what went wrong (red) or what was done (green); hidden while empty. */
final class OutcomeLabel {
    private OutcomeLabel() {
    }

    static Label error(String id, ObservableStringValue text) {
        return of(id, text, Styles.DANGER);
    }

    static Label result(String id, ObservableStringValue text) {
        return of(id, text, Styles.SUCCESS);
    }

    private static Label of(String id, ObservableStringValue text, String style) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
