package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.Role;
import dev.flowdeck.engine.topology.Topology;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One topology drawn on a Canvas (not one Node per vertex: 5,000 of those would not pan smoothly). Links are stroked
 * one path per style bucket; a change marks the canvas dirty and a one-shot animation timer redraws it at most once
 * per frame. Scroll zooms around the pointer, drag pans (both canvases share the {@link Viewport}), a click selects
 * the node under the pointer.
 */
final class GraphCanvas extends Region {
    private static final double CLICK_SLOP = 4;
    private final Canvas canvas = new Canvas();
    private final boolean hybrid;
    private final Viewport viewport;
    private final IntConsumer onSelect;
    private final AnimationTimer redraw;
    private GraphPicture picture;
    private Set<Integer> failed = Set.of();
    private boolean[] down = new boolean[0];
    private int selected = -1;
    private boolean dirty;
    private boolean scheduled;
    private float[] sx = new float[0];
    private float[] sy = new float[0];
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private long frames;

    GraphCanvas(boolean hybrid, Viewport viewport, IntConsumer onSelect) {
        this.hybrid = hybrid;
        this.viewport = viewport;
        this.onSelect = onSelect;
        getChildren().add(canvas);
        setMinSize(200, 160);
        redraw = new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                scheduled = false;
                if (dirty) {
                    dirty = false;
                    draw();
                }
            }
        };
        viewport.onChange(this::invalidate);
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                viewport.zoomAt(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY());
            }
            e.consume();
        });
        setOnMousePressed(e -> {
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
        });
        setOnMouseDragged(e -> {
            viewport.panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
        });
        setOnMouseReleased(e -> {
            if (e.getButton() == MouseButton.PRIMARY && Math.hypot(e.getX() - pressX, e.getY() - pressY) <= CLICK_SLOP) {
                onSelect.accept(nodeAt(e.getX(), e.getY()));
            }
        });
    }

    void setPicture(GraphPicture picture) {
        this.picture = picture;
        markDown();
        invalidate();
    }

    void setFailed(Set<Integer> failed) {
        this.failed = failed;
        markDown();
        invalidate();
    }

    /** A flag per node: checked for every link of every frame, where a set lookup would box 35,000 times. */
    private void markDown() {
        int n = picture == null ? 0 : picture.nodeCount();
        down = new boolean[n];
        for (int v : failed) {
            if (v >= 0 && v < n) {
                down[v] = true;
            }
        }
    }

    void setSelected(int node) {
        selected = node;
        invalidate();
    }

    /** Frames drawn so far (the pan benchmark counts them). */
    long frames() {
        return frames;
    }

    /** The node drawn at a point of this canvas, or -1. */
    int nodeAt(double x, double y) {
        if (picture == null) {
            return -1;
        }
        double scale = viewport.scale();
        return picture.nodeNear(viewport.worldX(x), viewport.worldY(y), (clientRadius() + 3) / scale, (serverRadius(0) + 6) / scale);
    }

    /** Where a node is drawn, in this canvas's coordinates. */
    javafx.geometry.Point2D positionOf(int node) {
        return new javafx.geometry.Point2D(viewport.screenX(picture.x(node)), viewport.screenY(picture.y(node)));
    }

    private void invalidate() {
        dirty = true;
        if (!scheduled) {
            scheduled = true;
            redraw.start();
        }
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            viewport.resized(w, h);
            invalidate();
        }
    }

    private double clientRadius() {
        return Math.max(1.3, Math.min(6, 1.5 * Math.sqrt(viewport.zoom())));
    }

    private double serverRadius(double load) {
        return (6 + 9 * Math.min(1.5, load)) * Math.max(1, Math.min(2.2, Math.sqrt(viewport.zoom())));
    }

    /** Draws everything; also used directly by the PNG export so the file matches the screen. */
    void draw() {
        frames++;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.setFill(GraphPalette.BACKGROUND);
        gc.fillRect(0, 0, w, h);
        if (picture == null) {
            return;
        }
        int n = picture.nodeCount();
        if (sx.length != n) {
            sx = new float[n];
            sy = new float[n];
        }
        for (int v = 0; v < n; v++) {
            sx[v] = (float) viewport.screenX(picture.x(v));
            sy[v] = (float) viewport.screenY(picture.y(v));
        }
        GraphPicture.View view = picture.view(hybrid);
        drawLinks(gc, view, w, h);
        drawClients(gc, view, w, h);
        drawServers(gc, view);
        drawSelection(gc);
    }

    private void drawLinks(GraphicsContext gc, GraphPicture.View view, double w, double h) {
        for (GraphPicture.LinkGroup group : GraphPicture.LinkGroup.values()) {
            for (int level = 0; level < GraphPicture.LEVELS; level++) {
                int[] links = view.links(group, level);
                if (links.length == 0) {
                    continue;
                }
                gc.setStroke(GraphPalette.link(group, level));
                gc.setLineWidth(GraphPalette.linkWidth(group, level));
                gc.beginPath();
                int drawn = 0;
                for (int id : links) {
                    int a = picture.linkA(id);
                    int b = picture.linkB(id);
                    if (down[a] || down[b]) {
                        continue;
                    }
                    float ax = sx[a];
                    float ay = sy[a];
                    float bx = sx[b];
                    float by = sy[b];
                    if ((ax < 0 && bx < 0) || (ay < 0 && by < 0) || (ax > w && bx > w) || (ay > h && by > h)) {
                        continue;
                    }
                    gc.moveTo(ax, ay);
                    gc.lineTo(bx, by);
                    drawn++;
                }
                if (drawn > 0) {
                    gc.stroke();
                }
            }
        }
    }

    private void drawClients(GraphicsContext gc, GraphPicture.View view, double w, double h) {
        Topology t = picture.topology();
        double r = clientRadius();
        double d = 2 * r;
        int first = t.firstClient();
        int n = picture.nodeCount();
        for (int level = 0; level < GraphPicture.LEVELS; level++) {
            gc.setFill(GraphPalette.CLIENT[level]);
            for (int v = first; v < n; v++) {
                if (view.clientLevel(v) != level || down[v]) {
                    continue;
                }
                float x = sx[v];
                float y = sy[v];
                if (x < -r || y < -r || x > w + r || y > h + r) {
                    continue;
                }
                if (r < 2) {
                    gc.fillRect(x - r, y - r, d, d);
                } else {
                    gc.fillOval(x - r, y - r, d, d);
                }
            }
        }
        for (int v : failed) {
            if (v >= first && v < n) {
                cross(gc, sx[v], sy[v], Math.max(3, r + 1.5));
            }
        }
    }

    private void drawServers(GraphicsContext gc, GraphPicture.View view) {
        int servers = picture.topology().serverCount();
        gc.setLineWidth(1.5);
        for (int v = servers - 1; v >= 0; v--) {
            double r = serverRadius(view.load(v)) + (v == Topology.ORIGIN ? 3 : 0);
            boolean isDown = down[v];
            gc.setFill(isDown ? GraphPalette.FAILED_FILL : picture.role(v) == Role.ORIGIN ? GraphPalette.ORIGIN : GraphPalette.EDGE);
            gc.fillOval(sx[v] - r, sy[v] - r, 2 * r, 2 * r);
            gc.setStroke(GraphPalette.NODE_OUTLINE);
            gc.strokeOval(sx[v] - r, sy[v] - r, 2 * r, 2 * r);
            if (isDown) {
                cross(gc, sx[v], sy[v], r * 0.8);
            }
        }
    }

    private void cross(GraphicsContext gc, double x, double y, double r) {
        gc.setStroke(GraphPalette.FAILED_MARK);
        gc.setLineWidth(2);
        gc.strokeLine(x - r, y - r, x + r, y + r);
        gc.strokeLine(x - r, y + r, x + r, y - r);
    }

    private void drawSelection(GraphicsContext gc) {
        if (selected < 0 || selected >= picture.nodeCount()) {
            return;
        }
        double r = picture.role(selected) == Role.CLIENT ? clientRadius() + 5 : serverRadius(picture.view(hybrid).load(selected)) + 5;
        double x = sx[selected];
        double y = sy[selected];
        gc.setStroke(GraphPalette.SELECTED);
        gc.setLineWidth(2.5);
        gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
        gc.setFont(Font.font("System", FontWeight.BOLD, 12));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(GraphPalette.BACKGROUND.deriveColor(0, 1, 1, 0.75));
        String label = picture.topology().nodeId(selected);
        gc.fillRect(x + r + 3, y - 9, label.length() * 7.2 + 6, 18);
        gc.setFill(GraphPalette.SELECTED);
        gc.fillText(label, x + r + 6, y);
    }
}
