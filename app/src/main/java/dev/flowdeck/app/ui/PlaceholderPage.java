package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A page that is not part of this build yet: says so plainly, and what it will show. */
public final class PlaceholderPage implements ConsolePage {
    private final String id;
    private final String title;
    private final String purpose;
    private Node content;

    private PlaceholderPage(String id, String title, String purpose) {
        this.id = id;
        this.title = title;
        this.purpose = purpose;
    }

    public static PlaceholderPage of(String id, String title, String purpose) {
        return new PlaceholderPage(id, title, purpose);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Node content() {
        if (content == null) {
            Label heading = new Label(title);
            heading.getStyleClass().add("page-title");
            Label what = new Label(purpose);
            what.getStyleClass().add("placeholder-text");
            what.setWrapText(true);
            what.setMaxWidth(560);
            Label note = new Label("This page is not part of this build yet.");
            note.getStyleClass().add("placeholder-note");
            VBox box = new VBox(10, heading, what, note);
            box.setAlignment(Pos.CENTER);
            box.setId(id);
            box.getStyleClass().addAll("page", "placeholder-page");
            content = box;
        }
        return content;
    }
}
