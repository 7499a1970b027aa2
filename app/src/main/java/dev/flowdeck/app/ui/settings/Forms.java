package dev.flowdeck.app.ui.settings;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The Settings page's form parts: a two-column grid (labels, then fields that take the rest), labels, text fields. */
final class Forms {
    private Forms() {
    }

    static GridPane grid(double labelWidth, double vgap) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(vgap);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(labelWidth);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("control-label");
        return l;
    }

    static TextField field(String id, StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.setPromptText(prompt);
        return f;
    }
}
