package dev.flowdeck.app.ui.kit;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A {@link Sparkline} with what a reader needs to read it: the unit, the top and bottom of the value axis, and the
 * time at each end of the time axis. For charts shown on their own (a tile's or a cell's line needs none).
 */
public final class AxisSparkline extends BorderPane {
    private final Sparkline line;
    private final Label unit = small("");
    private final Label top = small("");
    private final Label bottom = small("");
    private final Label start = small("");
    private final Label end = small("");

    /** @param width negative to follow the container, like {@link Sparkline} */
    public AxisSparkline(double width, double height) {
        line = new Sparkline(width, height);
        getStyleClass().add("axis-sparkline");
        VBox values = new VBox(top, spacer(), bottom);
        values.setAlignment(Pos.CENTER_RIGHT);
        values.setMinWidth(Region.USE_PREF_SIZE);
        values.setPrefHeight(height);
        HBox times = new HBox(start, spacer(), end);
        setTop(unit);
        setLeft(values);
        setCenter(line);
        setBottom(times);
        BorderPane.setAlignment(line, Pos.TOP_LEFT);
        // the time labels line up under the line, not under the value labels
        values.widthProperty().addListener((o, was, now) -> times.setPadding(new Insets(0, 0, 0, now.doubleValue() + 4)));
        BorderPane.setMargin(line, new Insets(0, 0, 0, 4));
    }

    /**
     * @param values    oldest first
     * @param unitText  e.g. "lag (messages)"
     * @param valueText the value axis' labels, e.g. a count with separators
     * @param startText the time of the first value, e.g. "11:42:10"
     * @param endText   the time of the last, e.g. "now"
     */
    public void show(double[] values, String unitText, DoubleFunction<String> valueText, String startText,
                     String endText) {
        line.setValues(values);
        boolean any = values != null && values.length >= 2;
        double max = 0;
        double min = 0;
        if (any) {
            for (double v : values) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        unit.setText(any ? unitText : "");
        top.setText(any ? valueText.apply(max) : "");
        bottom.setText(any ? valueText.apply(min) : "");
        start.setText(any ? startText : "");
        end.setText(any ? endText : "");
    }

    /** The labels' texts, top to bottom, left to right (for tests). */
    public List<String> labels() {
        return List.of(unit.getText(), top.getText(), bottom.getText(), start.getText(), end.getText());
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("text-muted", "text-small");
        return l;
    }

    private static Region spacer() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
