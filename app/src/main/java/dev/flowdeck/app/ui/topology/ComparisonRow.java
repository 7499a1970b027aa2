package dev.flowdeck.app.ui.topology;

/** One row of the comparison table, formatted. */
public record ComparisonRow(String metric, String flat, String hybrid, String change) {
}
