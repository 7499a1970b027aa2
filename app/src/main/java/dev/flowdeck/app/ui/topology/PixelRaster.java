package dev.flowdeck.app.ui.topology;

/**
 * An opaque ARGB pixel buffer with just the primitives the graph needs: antialiased lines (Xiaolin Wu) and discs,
 * blended with integer arithmetic. It exists for speed, measured on this machine for the 5,000-node hybrid picture
 * (35,000 links): 23 ms (whole graph) to 41–53 ms (a 1700×1100 tile) of CPU time when warm, where Java2D (antialiased,
 * one path per style) took 306–332 ms for the same tiles and the software-rendered JavaFX Canvas drew about one frame in three
 * seconds. A tile is re-rendered at every zoom step, so that difference is the difference between smooth and laggy
 * zooming. Every pixel stays opaque (the buffer starts filled), so blending needs no alpha channel maths.
 */
final class PixelRaster {
    private final int width;
    private final int height;
    private final int[] argb;

    PixelRaster(int width, int height, int background) {
        this.width = width;
        this.height = height;
        this.argb = new int[width * height];
        java.util.Arrays.fill(argb, 0xFF00_0000 | background);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The pixels, row by row, opaque ARGB. */
    int[] pixels() {
        return argb;
    }

    /** Blends one pixel: coverage in 0..256. */
    private void blend(int x, int y, int rgb, int coverage) {
        if (x < 0 || y < 0 || x >= width || y >= height || coverage <= 0) {
            return;
        }
        int i = y * width + x;
        if (coverage >= 256) {
            argb[i] = 0xFF00_0000 | rgb;
            return;
        }
        int d = argb[i];
        int inv = 256 - coverage;
        int r = (((rgb >> 16) & 0xFF) * coverage + ((d >> 16) & 0xFF) * inv) >> 8;
        int g = (((rgb >> 8) & 0xFF) * coverage + ((d >> 8) & 0xFF) * inv) >> 8;
        int b = ((rgb & 0xFF) * coverage + (d & 0xFF) * inv) >> 8;
        argb[i] = 0xFF00_0000 | (r << 16) | (g << 8) | b;
    }

    /**
     * A line of the given width and opacity (0..1). Thin lines (≤ 1.5 px) are one Wu line whose opacity scales with
     * the width; thicker ones are parallel Wu lines half a pixel apart (one pixel apart would leave visible stripes).
     */
    void line(double x0, double y0, double x1, double y1, int rgb, double opacity, double lineWidth) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        if (length < 1e-6) {
            return;
        }
        if (lineWidth <= 1.5) {
            wu(x0, y0, x1, y1, rgb, (int) Math.round(256 * opacity * Math.min(1, lineWidth)));
            return;
        }
        int strands = (int) Math.ceil(lineWidth * 2) - 1;
        double nx = -dy / length;
        double ny = dx / length;
        // Overlapping strands add up: give each the opacity that, blended twice, gives the line's opacity.
        int alpha = (int) Math.round(256 * (1 - Math.sqrt(1 - Math.min(opacity, 0.999))));
        for (int k = 0; k < strands; k++) {
            double o = (k - (strands - 1) / 2.0) * 0.5;
            wu(x0 + nx * o, y0 + ny * o, x1 + nx * o, y1 + ny * o, rgb, alpha);
        }
    }

    /** Xiaolin Wu's antialiased line, clipped to the buffer first. */
    private void wu(double x0, double y0, double x1, double y1, int rgb, int alpha) {
        if (alpha <= 0) {
            return;
        }
        double[] c = clip(x0, y0, x1, y1);
        if (c == null) {
            return;
        }
        x0 = c[0];
        y0 = c[1];
        x1 = c[2];
        y1 = c[3];
        boolean steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
        if (steep) {
            double t = x0;
            x0 = y0;
            y0 = t;
            t = x1;
            x1 = y1;
            y1 = t;
        }
        if (x0 > x1) {
            double t = x0;
            x0 = x1;
            x1 = t;
            t = y0;
            y0 = y1;
            y1 = t;
        }
        double dx = x1 - x0;
        double gradient = dx == 0 ? 1 : (y1 - y0) / dx;
        int xStart = (int) Math.round(x0);
        int xEnd = (int) Math.round(x1);
        double y = y0 + gradient * (xStart - x0);
        for (int x = xStart; x <= xEnd; x++) {
            int yi = (int) Math.floor(y);
            int frac = (int) ((y - yi) * alpha);
            if (steep) {
                blend(yi, x, rgb, alpha - frac);
                blend(yi + 1, x, rgb, frac);
            } else {
                blend(x, yi, rgb, alpha - frac);
                blend(x, yi + 1, rgb, frac);
            }
            y += gradient;
        }
    }

    /** Liang–Barsky clipping to the buffer (with a pixel of slack); null when the line misses it. */
    private double[] clip(double x0, double y0, double x1, double y1) {
        double t0 = 0;
        double t1 = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 + 1, width - x0, y0 + 1, height - y0};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy};
    }

    /** A filled disc with a one-pixel antialiased edge. */
    void disc(double cx, double cy, double radius, int rgb, double opacity) {
        int alpha = (int) Math.round(256 * opacity);
        int yMin = Math.max(0, (int) Math.floor(cy - radius - 1));
        int yMax = Math.min(height - 1, (int) Math.ceil(cy + radius + 1));
        int xMin = Math.max(0, (int) Math.floor(cx - radius - 1));
        int xMax = Math.min(width - 1, (int) Math.ceil(cx + radius + 1));
        for (int y = yMin; y <= yMax; y++) {
            double py = y + 0.5 - cy;
            for (int x = xMin; x <= xMax; x++) {
                double px = x + 0.5 - cx;
                double edge = radius + 0.5 - Math.sqrt(px * px + py * py);
                if (edge <= 0) {
                    continue;
                }
                blend(x, y, rgb, edge >= 1 ? alpha : (int) (alpha * edge));
            }
        }
    }

    /** A square, for clients too small for a visible disc. */
    void square(double cx, double cy, double half, int rgb) {
        int x0 = (int) Math.round(cx - half);
        int y0 = (int) Math.round(cy - half);
        int size = Math.max(1, (int) Math.round(2 * half));
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                blend(x, y, rgb, 256);
            }
        }
    }
}
