package dev.flowdeck.app.ui.admin;

import dev.flowdeck.engine.admin.ChangePreview;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shows a {@link ChangePreview}: the action, then its problems (red), effects, and warnings (amber). */
final class PreviewBox extends VBox {
    PreviewBox(ObservableValue<ChangePreview> preview) {
        setSpacing(4);
        getStyleClass().add("preview-box");
        setId("preview");
        preview.addListener((o, was, now) -> show(now));
        show(preview.getValue());
    }

    private void show(ChangePreview p) {
        getChildren().clear();
        setVisible(p != null);
        setManaged(p != null);
        if (p == null) {
            return;
        }
        Label title = new Label(p.action());
        title.getStyleClass().addAll("preview-title");
        title.setWrapText(true);
        getChildren().add(title);
        p.problems().forEach(s -> getChildren().add(line("✗  " + s, "preview-problem")));
        p.effects().forEach(s -> getChildren().add(line("•  " + s, "preview-effect")));
        p.warnings().forEach(s -> getChildren().add(line("⚠  " + s, "preview-warning")));
    }

    private static Label line(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
