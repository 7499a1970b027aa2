package dev.flowdeck.app.ui.admin;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A tiny line chart of recent values (messages per second), drawn on a canvas: cheap enough for every table row. */
final class Sparkline extends Canvas {
    private static final Color LINE = Color.web("#0969da");
    private static final Color FILL = Color.web("#0969da", 0.15);

    Sparkline(double width, double height) {
        super(width, height);
    }

    void show(double[] values) {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.clearRect(0, 0, w, h);
        if (values == null || values.length < 2) {
            return;
        }
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double scale = max <= 0 ? 0 : (h - 2) / max;
        double step = w / (values.length - 1);
        double[] xs = new double[values.length + 2];
        double[] ys = new double[values.length + 2];
        for (int i = 0; i < values.length; i++) {
            xs[i] = i * step;
            ys[i] = h - 1 - Math.max(0, values[i]) * scale;
        }
        xs[values.length] = w;
        ys[values.length] = h;
        xs[values.length + 1] = 0;
        ys[values.length + 1] = h;
        g.setFill(FILL);
        g.fillPolygon(xs, ys, values.length + 2);
        g.setStroke(LINE);
        g.setLineWidth(1.2);
        g.strokePolyline(xs, ys, values.length);
    }
}
