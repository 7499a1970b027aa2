package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.TopologyLayout;

import java.util.ArrayList;
import java.util.List;

/** Zoom and pan shared by both graph canvases, so the two pictures stay aligned: screen = world × scale + offset. */
public final class Viewport {
    private static final double MIN_ZOOM = 0.5;
    private static final double MAX_ZOOM = 60;
    private final List<Runnable> listeners = new ArrayList<>();
    private double scale = 0.5;
    private double offsetX;
    private double offsetY;
    private double fitScale = 0.5;
    private double width;
    private double height;

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Shows the whole layout in a canvas of this size. */
    public void fit(double canvasWidth, double canvasHeight) {
        width = canvasWidth;
        height = canvasHeight;
        fitScale = Math.max(1e-3, Math.min(canvasWidth, canvasHeight) * 0.94 / TopologyLayout.SIZE);
        scale = fitScale;
        offsetX = (canvasWidth - TopologyLayout.SIZE * scale) / 2;
        offsetY = (canvasHeight - TopologyLayout.SIZE * scale) / 2;
        changed();
    }

    /** Keeps the picture centred when the canvas changes size, fitting it the first time. */
    void resized(double canvasWidth, double canvasHeight) {
        if (canvasWidth <= 0 || canvasHeight <= 0 || (canvasWidth == width && canvasHeight == height)) {
            return;
        }
        if (width == 0 || height == 0) {
            fit(canvasWidth, canvasHeight);
            return;
        }
        offsetX += (canvasWidth - width) / 2;
        offsetY += (canvasHeight - height) / 2;
        width = canvasWidth;
        height = canvasHeight;
        changed();
    }

    public void zoomAt(double factor, double screenX, double screenY) {
        double next = Math.max(fitScale * MIN_ZOOM, Math.min(fitScale * MAX_ZOOM, scale * factor));
        double f = next / scale;
        offsetX = screenX - (screenX - offsetX) * f;
        offsetY = screenY - (screenY - offsetY) * f;
        scale = next;
        changed();
    }

    public void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
        changed();
    }

    double screenX(double worldX) {
        return worldX * scale + offsetX;
    }

    double screenY(double worldY) {
        return worldY * scale + offsetY;
    }

    double worldX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    double worldY(double screenY) {
        return (screenY - offsetY) / scale;
    }

    double scale() {
        return scale;
    }

    /** 1 when the whole layout fits the canvas, 2 when zoomed in twice as far. */
    double zoom() {
        return scale / fitScale;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
