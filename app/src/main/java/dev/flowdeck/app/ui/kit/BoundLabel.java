package dev.flowdeck.app.ui.kit;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** A label that shows a view model's text in one style class, with an id for tests where it has one. */
public final class BoundLabel {
    private BoundLabel() {
    }

    public static Label of(ObservableStringValue text, String styleClass) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    public static Label of(ObservableStringValue text, String styleClass, String id) {
        Label label = of(text, styleClass);
        label.setId(id);
        return label;
    }
}
