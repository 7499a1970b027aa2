package dev.flowdeck.app.ui.processor;

import dev.flowdeck.engine.stream.ProcessorInsight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a Kafka Streams topology for drawing, left to right: one band per subtopology, each node in the column of
 * its longest path from a source, a store just below the processor that uses it. Pure geometry, no JavaFX.
 */
final class TopologyLayout {
    static final double COLUMN = 176;
    static final double ROW = 52;
    static final double BAND_GAP = 24;
    static final double NODE_WIDTH = 154;
    static final double NODE_HEIGHT = 40;

    /** Where a node's box goes (top-left corner). */
    record Placed(ProcessorInsight.Node node, double x, double y) {
    }

    private TopologyLayout() {
    }

    static List<Placed> place(ProcessorInsight.Graph g) {
        Map<String, ProcessorInsight.Node> byName = new LinkedHashMap<>();
        g.nodes().forEach(n -> byName.put(n.name(), n));
        Map<String, List<String>> into = new HashMap<>();
        g.edges().forEach(e -> into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from()));
        Map<String, Integer> column = new HashMap<>();
        for (ProcessorInsight.Node n : g.nodes()) {
            column(n.name(), into, byName, column, 0);
        }
        List<Placed> out = new ArrayList<>();
        double bandTop = 0;
        for (int sub = 0; sub < g.subtopologies(); sub++) {
            int s = sub;
            Map<Integer, Integer> used = new HashMap<>();
            int rows = 1;
            for (ProcessorInsight.Node n : g.nodes()) {
                if (n.subtopology() != s) {
                    continue;
                }
                int c = column.getOrDefault(n.name(), 0);
                int row = used.merge(c, 1, Integer::sum) - 1;
                rows = Math.max(rows, row + 1);
                out.add(new Placed(n, c * COLUMN, bandTop + row * ROW));
            }
            bandTop += rows * ROW + BAND_GAP;
        }
        return out;
    }

    /** Longest path from a source; a store sits in the column of the first processor that uses it. */
    private static int column(String name, Map<String, List<String>> into, Map<String, ProcessorInsight.Node> byName,
                              Map<String, Integer> memo, int depth) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        if (depth > byName.size()) {
            return 0; // a cycle would be a malformed description; do not recurse forever
        }
        int c = 0;
        ProcessorInsight.Node n = byName.get(name);
        for (String from : into.getOrDefault(name, List.of())) {
            int fromColumn = column(from, into, byName, memo, depth + 1);
            c = Math.max(c, n != null && n.kind() == ProcessorInsight.Node.Kind.STORE ? fromColumn : fromColumn + 1);
        }
        memo.put(name, c);
        return c;
    }

    static double width(List<Placed> placed) {
        return placed.stream().mapToDouble(p -> p.x() + NODE_WIDTH).max().orElse(0);
    }

    static double height(List<Placed> placed) {
        return placed.stream().mapToDouble(p -> p.y() + NODE_HEIGHT).max().orElse(0);
    }
}
