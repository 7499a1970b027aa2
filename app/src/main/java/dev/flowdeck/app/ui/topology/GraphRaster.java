package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.Role;
import dev.flowdeck.engine.topology.Topology;
import javafx.scene.paint.Color;

/**
 * Renders one topology's picture into pixels, off the FX thread: a tile covering a world rectangle at one zoom
 * scale. The canvas then only blits the tile while panning, so a frame costs the same for 50 nodes or 5,000.
 */
final class GraphRaster {
    /** What to render: the picture, which topology, what is down, and which world rectangle at which scale. */
    record Job(GraphPicture picture, boolean hybrid, boolean[] down, double scale, double zoom, double worldX0,
               double worldY0, int width, int height) {
    }

    private GraphRaster() {
    }

    static PixelRaster render(Job job) {
        PixelRaster raster = new PixelRaster(job.width(), job.height(), rgb(GraphPalette.BACKGROUND));
        GraphPicture picture = job.picture();
        GraphPicture.View view = picture.view(job.hybrid());
        int n = picture.nodeCount();
        float[] px = new float[n];
        float[] py = new float[n];
        for (int v = 0; v < n; v++) {
            px[v] = (float) ((picture.x(v) - job.worldX0()) * job.scale());
            py[v] = (float) ((picture.y(v) - job.worldY0()) * job.scale());
        }
        boolean[] down = job.down();
        for (GraphPicture.LinkGroup group : GraphPicture.LinkGroup.values()) {
            for (int level = 0; level < GraphPicture.LEVELS; level++) {
                Color color = GraphPalette.link(group, level);
                int rgb = rgb(color);
                double width = GraphPalette.linkWidth(group, level);
                for (int id : view.links(group, level)) {
                    int a = picture.linkA(id);
                    int b = picture.linkB(id);
                    if (!down[a] && !down[b]) {
                        raster.line(px[a], py[a], px[b], py[b], rgb, color.getOpacity(), width);
                    }
                }
            }
        }
        Topology t = picture.topology();
        double r = GraphGeometry.clientRadius(job.zoom());
        int[] shades = new int[GraphPalette.CLIENT.length];
        for (int i = 0; i < shades.length; i++) {
            shades[i] = rgb(GraphPalette.CLIENT[i]);
        }
        for (int v = t.firstClient(); v < n; v++) {
            if (down[v]) {
                continue;
            }
            int shade = shades[view.clientLevel(v)];
            if (r < 2) {
                raster.square(px[v], py[v], r, shade);
            } else {
                raster.disc(px[v], py[v], r, shade, 1);
            }
        }
        int mark = rgb(GraphPalette.FAILED_MARK);
        for (int v = t.firstClient(); v < n; v++) {
            if (down[v]) {
                cross(raster, px[v], py[v], Math.max(3, r + 1.5), mark);
            }
        }
        int outline = rgb(GraphPalette.NODE_OUTLINE);
        for (int v = t.serverCount() - 1; v >= 0; v--) {
            double radius = GraphGeometry.serverRadius(picture.role(v), view.load(v), job.zoom());
            Color fill = down[v] ? GraphPalette.FAILED_FILL : picture.role(v) == Role.ORIGIN ? GraphPalette.ORIGIN : GraphPalette.EDGE;
            raster.disc(px[v], py[v], radius + 1.5, outline, 1);
            raster.disc(px[v], py[v], radius, rgb(fill), 1);
            if (down[v]) {
                cross(raster, px[v], py[v], radius * 0.75, mark);
            }
        }
        return raster;
    }

    private static void cross(PixelRaster raster, double x, double y, double r, int rgb) {
        raster.line(x - r, y - r, x + r, y + r, rgb, 1, 2);
        raster.line(x - r, y + r, x + r, y - r, rgb, 1, 2);
    }

    static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
