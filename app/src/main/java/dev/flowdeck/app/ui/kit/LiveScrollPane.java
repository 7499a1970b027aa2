package dev.flowdeck.app.ui.kit;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * A ScrollPane for live content. JavaFX's ScrollPane caches its viewport as a bitmap to scroll fast; when the content
 * changes several times a second that cache is rebuilt each time, re-rasterising every card and border inside (the
 * software renderer's main cost). Live pages switch that cache off.
 */
public class LiveScrollPane extends ScrollPane {
    public LiveScrollPane() {
        skinProperty().addListener((o, was, now) -> uncacheViewport());
    }

    public LiveScrollPane(Node content) {
        this();
        setContent(content);
    }

    private void uncacheViewport() {
        Node viewport = lookup(".viewport");
        if (viewport != null) {
            viewport.setCache(false);
        }
    }
}
