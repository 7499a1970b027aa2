package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.DeliveryMetrics;
import dev.flowdeck.engine.topology.LinkKind;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologySettings;

/** The topology command's JSON: fixed field order and rounding, so the same run prints the same bytes. */
public final class TopologyJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopologyJson() {
    }

    static ObjectNode comparison(DeliveryComparison c) {
        ObjectNode root = JSON.createObjectNode();
        root.set("flat", metrics(c.flat().metrics()));
        root.set("hybrid", metrics(c.hybrid().metrics()));
        Topology t = c.topology();
        ObjectNode topology = root.putObject("topology");
        topology.put("nodes", t.nodeCount());
        topology.put("edge_servers", t.serverCount() - 1);
        topology.put("clients", t.clientCount());
        topology.put("flat_links", t.flatLinkCount());
        topology.put("peer_links", t.links().stream().filter(l -> l.kind() == LinkKind.PEER).count());
        topology.put("requests", t.requestCount());
        ArrayNode failed = topology.putArray("failed");
        c.run().failed().forEach(n -> failed.add(t.nodeId(n)));
        TopologySettings s = t.settings();
        topology.put("peer_demand_mbps", round(s.demandMbpsPerClient(), 4));
        topology.put("surplus", c.run().peerUploadMbps() >= s.demandMbpsPerClient());
        return root;
    }

    static ObjectNode metrics(DeliveryMetrics m) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode latency = o.putObject("latency_ms");
        latency.put("mean", round(m.latencyMeanMs(), 3));
        latency.put("p95", round(m.latencyP95Ms(), 3));
        o.put("hops_mean", round(m.hopsMean(), 4));
        o.put("offload", round(m.offload(), 6));
        o.put("origin_load", round(m.originLoad(), 6));
        o.put("success_rate", round(m.successRate(), 6));
        o.put("requests", m.requests());
        o.put("served", m.served());
        o.put("peer_served", m.peerServed());
        o.put("edge_served", m.edgeServed());
        o.put("origin_served", m.originServed());
        o.put("queued_share", round(m.queuedShare(), 6));
        o.put("edge_load_max", round(m.edgeLoadMax(), 6));
        o.put("origin_mbps", round(m.originMbps(), 3));
        return o;
    }

    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
