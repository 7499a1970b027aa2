package dev.flowdeck.app.ui.kit;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A tiny line of a number's recent history, scaled to its own size, from zero (or the lowest value, if negative) to
 * the highest; its colour comes from CSS ({@code .sparkline-line}). The metric tiles and the Topics table use it.
 */
public final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private double[] values = new double[0];

    /** As tall as a metric tile's line, as wide as its container. */
    public Sparkline() {
        this(-1, 28);
    }

    /** A fixed size, e.g. for a table cell; a negative width follows the container. */
    public Sparkline(double width, double height) {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        setMinHeight(height);
        setPrefHeight(height);
        if (width >= 0) {
            setMinWidth(width);
            setPrefWidth(width);
            setMaxWidth(width);
            setMaxHeight(height);
        }
    }

    public void setValues(double[] v) {
        values = v == null ? new double[0] : v;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset() - 2;
        int n = values.length;
        if (n < 2 || w <= 0 || h <= 0) {
            line.getPoints().clear();
            return;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        min = Math.min(min, 0);
        double span = max - min;
        Double[] pts = new Double[n * 2];
        for (int i = 0; i < n; i++) {
            double x = snappedLeftInset() + w * i / (n - 1);
            double y = snappedTopInset() + 1 + (span <= 0 ? h : h - h * (values[i] - min) / span);
            pts[2 * i] = x;
            pts[2 * i + 1] = y;
        }
        line.getPoints().setAll(pts);
    }
}
