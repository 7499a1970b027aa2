package dev.flowdeck.app.ui.topology;

import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.engine.topology.Role;
import dev.flowdeck.engine.topology.TopologyLayout;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One topology on a Canvas (not one Node per vertex: 5,000 of those would not pan smoothly). The graph itself is
 * rendered off the FX thread into a tile ({@link GraphRaster}) covering the view plus a margin; a frame only blits
 * that tile at the current pan offset and draws the selection on top, so panning costs the same for any graph size.
 * When the zoom changes, the data changes or the view leaves the tile, a new tile is rendered in the background (the
 * old one, scaled, stands in until then). Changes mark the canvas dirty and request a pulse; a post-layout pulse
 * listener redraws a dirty canvas once, in the same frame. Scroll zooms around the pointer, drag pans (both canvases share the {@link Viewport}), a click
 * selects the node under the pointer.
 */
public final class GraphCanvas extends Region {
    private static final Logger log = LoggerFactory.getLogger(GraphCanvas.class);
    private static final double CLICK_SLOP = 4;
    private static final int MAX_TILE = 3072;

    /** A rendered tile: raster pixel (0,0) is world (worldX0, worldY0), one world unit is {@code scale} pixels. */
    private record Tile(WritableImage image, double scale, double worldX0, double worldY0, long version) {
        double worldX1() {
            return worldX0 + image.getWidth() / scale;
        }

        double worldY1() {
            return worldY0 + image.getHeight() / scale;
        }
    }

    private final Canvas canvas = new Canvas();
    private final boolean hybrid;
    private final Viewport viewport;
    private final TaskRunner tasks;
    private final List<Runnable> whenCurrent = new ArrayList<>();
    private GraphPicture picture;
    private Set<Integer> failed = Set.of();
    private boolean[] down = new boolean[0];
    private int selected = -1;
    private boolean dirty;
    private long version;
    private Tile tile;
    private boolean rendering;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private long frames;

    GraphCanvas(boolean hybrid, Viewport viewport, TaskRunner tasks, IntConsumer onSelect) {
        this.hybrid = hybrid;
        this.viewport = viewport;
        this.tasks = tasks;
        getChildren().add(canvas);
        setMinSize(200, 160);
        // Redraw after the pulse's animations and layout, in the same pulse as the change that asked for it.
        Runnable redrawIfDirty = () -> {
            if (dirty) {
                dirty = false;
                draw();
            }
        };
        sceneProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(redrawIfDirty);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(redrawIfDirty);
                invalidate();
            }
        });
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
    }

    void setFailed(Set<Integer> failed) {
        this.failed = failed;
        markDown();
    }

    void setSelected(int node) {
        selected = node;
        invalidate();
    }

    /** A flag per node for the renderer (a set lookup per link would box 35,000 times); a new version of the data. */
    private void markDown() {
        int n = picture == null ? 0 : picture.nodeCount();
        down = new boolean[n];
        for (int v : failed) {
            if (v >= 0 && v < n) {
                down[v] = true;
            }
        }
        version++;
        invalidate();
    }

    /** Frames drawn so far (the pan benchmark counts them). */
    public long frames() {
        return frames;
    }

    /** Whether the canvas shows the current data at the current zoom, everywhere in view. */
    boolean isCurrent() {
        return picture != null && tile != null && !rendering && !dirty && !tileNeeded();
    }

    /** Runs the action once the canvas shows the current data at the current zoom (now, if it already does). */
    public void whenCurrent(Runnable action) {
        if (dirty) {
            dirty = false;
            draw();
        }
        if (isCurrent()) {
            action.run();
        } else {
            whenCurrent.add(action);
            requestTile();
        }
    }

    /** The node drawn at a point of this canvas, or -1. */
    int nodeAt(double x, double y) {
        if (picture == null) {
            return -1;
        }
        double scale = viewport.scale();
        return picture.nodeNear(viewport.worldX(x), viewport.worldY(y),
                (GraphGeometry.clientRadius(viewport.zoom()) + 3) / scale,
                (GraphGeometry.serverRadius(Role.EDGE, 0, viewport.zoom()) + 6) / scale);
    }

    /** Where a node is drawn, in this canvas's coordinates. */
    Point2D positionOf(int node) {
        return new Point2D(viewport.screenX(picture.x(node)), viewport.screenY(picture.y(node)));
    }

    private void invalidate() {
        dirty = true;
        Platform.requestNextPulse();
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

    /** One frame: the tile at the current pan and zoom, then the selection. */
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
        if (tile != null) {
            double ratio = viewport.scale() / tile.scale();
            gc.setImageSmoothing(Math.abs(ratio - 1) > 1e-9);
            gc.drawImage(tile.image(), viewport.screenX(tile.worldX0()), viewport.screenY(tile.worldY0()),
                    tile.image().getWidth() * ratio, tile.image().getHeight() * ratio);
        }
        drawSelection(gc);
        requestTile();
    }

    /** Renders a new tile in the background when the one on screen is stale, scaled, or does not cover the view. */
    /** Whether the tile is stale, at another zoom, or does not cover the view. */
    private boolean tileNeeded() {
        if (tile == null || tile.version() != version || tile.scale() != viewport.scale()) {
            return true;
        }
        double pad = 40 / viewport.scale();
        double visX0 = Math.max(-pad, viewport.worldX(0));
        double visY0 = Math.max(-pad, viewport.worldY(0));
        double visX1 = Math.min(TopologyLayout.SIZE + pad, viewport.worldX(canvas.getWidth()));
        double visY1 = Math.min(TopologyLayout.SIZE + pad, viewport.worldY(canvas.getHeight()));
        return tile.worldX0() > visX0 || tile.worldY0() > visY0 || tile.worldX1() < visX1 || tile.worldY1() < visY1;
    }

    private void requestTile() {
        if (picture == null || canvas.getWidth() <= 0 || canvas.getHeight() <= 0 || !tileNeeded()) {
            return;
        }
        double scale = viewport.scale();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double pad = 40 / scale;
        if (rendering) {
            return;
        }
        // The view plus three quarters of it on every side (so a pan rarely needs a new tile), within the graph.
        double marginX = Math.min(0.75 * w, Math.max(0, (MAX_TILE - w) / 2));
        double marginY = Math.min(0.75 * h, Math.max(0, (MAX_TILE - h) / 2));
        double x0 = Math.max(-pad, viewport.worldX(-marginX));
        double y0 = Math.max(-pad, viewport.worldY(-marginY));
        double x1 = Math.min(TopologyLayout.SIZE + pad, viewport.worldX(w + marginX));
        double y1 = Math.min(TopologyLayout.SIZE + pad, viewport.worldY(h + marginY));
        int pw = (int) Math.min(MAX_TILE, Math.ceil((x1 - x0) * scale));
        int ph = (int) Math.min(MAX_TILE, Math.ceil((y1 - y0) * scale));
        if (pw <= 0 || ph <= 0) {
            return;
        }
        rendering = true;
        long v = version;
        GraphRaster.Job job = new GraphRaster.Job(picture, hybrid, down.clone(), scale, viewport.zoom(), x0, y0, pw, ph);
        tasks.run("topology raster", () -> GraphRaster.render(job), raster -> {
            rendering = false;
            // Wraps the pixels without copying them on the FX thread (they are opaque, so ARGB is also ARGB_PRE).
            PixelBuffer<IntBuffer> pixels = new PixelBuffer<>(raster.width(), raster.height(), IntBuffer.wrap(raster.pixels()),
                    PixelFormat.getIntArgbPreInstance());
            WritableImage image = new WritableImage(pixels);
            if (job.picture() == picture) {
                tile = new Tile(image, job.scale(), job.worldX0(), job.worldY0(), v);
            }
            // Draw now rather than next pulse, so whoever waits for a current picture gets one.
            dirty = false;
            draw();
            // Whatever changed while this tile was rendering (pan, zoom, data) is caught here.
            if (tileNeeded()) {
                requestTile();
            } else if (isCurrent() && !whenCurrent.isEmpty()) {
                List<Runnable> ready = new ArrayList<>(whenCurrent);
                whenCurrent.clear();
                ready.forEach(Runnable::run);
            }
        }, e -> {
            rendering = false;
            log.warn("could not render the {} topology", hybrid ? "hybrid" : "flat", e);
        });
    }

    private void drawSelection(GraphicsContext gc) {
        if (selected < 0 || selected >= picture.nodeCount()) {
            return;
        }
        double zoom = viewport.zoom();
        double r = (picture.role(selected) == Role.CLIENT ? GraphGeometry.clientRadius(zoom)
                : GraphGeometry.serverRadius(picture.role(selected), picture.view(hybrid).load(selected), zoom)) + 5;
        double x = viewport.screenX(picture.x(selected));
        double y = viewport.screenY(picture.y(selected));
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
