package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.Role;

/** Node sizes on screen, shared by the raster and the canvas's hit test and selection ring. */
final class GraphGeometry {
    private GraphGeometry() {
    }

    /** Clients grow a little as you zoom in, so a dense picture stays readable at both ends. */
    static double clientRadius(double zoom) {
        return Math.max(1.3, Math.min(6, 1.5 * Math.sqrt(zoom)));
    }

    /** Servers grow with their load (utilisation; up to 1.5) and a little with zoom; the origin is a bit larger. */
    static double serverRadius(Role role, double load, double zoom) {
        double base = (6 + 9 * Math.min(1.5, Math.max(0, load))) * Math.max(1, Math.min(2.2, Math.sqrt(zoom)));
        return role == Role.ORIGIN ? base + 3 : base;
    }
}
