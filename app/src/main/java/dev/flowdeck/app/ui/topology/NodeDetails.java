package dev.flowdeck.app.ui.topology;

/**
 * What the details panel shows for the selected node, formatted. Flat and hybrid values side by side.
 *
 * @param latencyLabel what the latency row measures for this kind of node
 */
public record NodeDetails(int node, String id, String role, String region, String capacity, String holds,
                          boolean failed, String flatLoad, String hybridLoad, String flatServed, String hybridServed,
                          String latencyLabel, String flatLatency, String hybridLatency) {
}
