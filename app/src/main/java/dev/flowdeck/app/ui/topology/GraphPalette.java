package dev.flowdeck.app.ui.topology;

import javafx.scene.paint.Color;

/** The graph's colours, shared by the canvases and the legend so the two always agree. */
final class GraphPalette {
    static final Color BACKGROUND = Color.web("#0f172a");
    static final Color ORIGIN = Color.web("#a78bfa");
    static final Color EDGE = Color.web("#f59e0b");
    static final Color FAILED_FILL = Color.web("#334155");
    static final Color FAILED_MARK = Color.web("#ef4444");
    static final Color SELECTED = Color.web("#fde047");
    static final Color LABEL = Color.web("#e2e8f0");
    static final Color NODE_OUTLINE = Color.web("#0f172a");

    /** Clients by upload load level: idle, low, medium, high. */
    static final Color[] CLIENT = {Color.web("#64748b"), Color.web("#0ea5e9"), Color.web("#38bdf8"), Color.web("#bae6fd")};

    private static final Color ACCESS = Color.web("#94a3b8");
    private static final Color PEER = Color.web("#34d399");
    private static final Color DIRECT = Color.web("#f87171");
    private static final Color CORE = Color.web("#c4b5fd");
    private static final double[][] ALPHA = {
            {0.06, 0.16, 0.32, 0.6},   // access
            {0.10, 0.30, 0.55, 0.9},   // peer
            {0.25, 0.35, 0.55, 0.85},  // direct
            {0.30, 0.55, 0.75, 0.95}}; // core
    private static final double[][] WIDTH = {
            {0.6, 0.7, 1.0, 1.4},
            {0.6, 0.8, 1.2, 1.8},
            {0.8, 0.8, 1.2, 1.8},
            {1.2, 1.8, 2.8, 4.0}};

    private GraphPalette() {
    }

    static Color link(GraphPicture.LinkGroup group, int level) {
        Color base = switch (group) {
            case ACCESS -> ACCESS;
            case PEER -> PEER;
            case DIRECT -> DIRECT;
            case CORE -> CORE;
        };
        return base.deriveColor(0, 1, 1, ALPHA[group.ordinal()][level]);
    }

    static double linkWidth(GraphPicture.LinkGroup group, int level) {
        return WIDTH[group.ordinal()][level];
    }
}
