package dev.flowdeck.engine.tier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.metrics.LatencyRecorder;

/** The JSON form of a tier's state, shared by its {@code GET /metrics} endpoint and the headless summary. */
public final class TierJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TierJson() {
    }

    /** Counts, whole-run latencies (ms) split into queueing, service and network, and the recent window. */
    public static ObjectNode snapshot(TierSnapshot s) {
        TierCounts c = s.counts();
        ObjectNode o = JSON.objectNode();
        o.put("tier", c.tier());
        o.put("arrivals", c.arrivals());
        o.put("completed", c.completed());
        o.put("failed", c.failed());
        o.put("failed_queue_full", c.failedQueueFull());
        o.put("failed_outage", c.failedOutage());
        o.put("in_flight", c.inFlight());
        o.put("queued", c.queued());
        o.put("in_service", c.inService());
        o.put("on_network", c.networkOut() + c.networkBack());
        o.put("servers", c.servers());
        o.put("queue_capacity", c.queueCapacity());
        o.put("outage", c.outage());
        o.put("mean_in_tier", round(c.meanInTier()));
        o.put("mean_queued", round(c.meanQueued()));
        o.put("utilisation", c.servers() == 0 ? 0 : round(c.meanBusy() / c.servers()));
        split(o, s.total());
        split(o.putObject("recent"), s.recent());
        return o;
    }

    private static void split(ObjectNode o, TierLatency l) {
        o.set("latency_ms", latency(l.latency()));
        o.set("queueing_ms", latency(l.queueing()));
        o.set("service_ms", latency(l.service()));
        o.set("network_ms", latency(l.network()));
    }

    public static ObjectNode latency(LatencyRecorder.Summary l) {
        ObjectNode n = JSON.objectNode();
        n.put("p50", round(l.p50()));
        n.put("p95", round(l.p95()));
        n.put("p99", round(l.p99()));
        n.put("max", round(l.max()));
        n.put("mean", round(l.mean()));
        n.put("count", l.count());
        return n;
    }

    public static ObjectNode settings(TierSettings t) {
        ObjectNode o = JSON.objectNode();
        o.put("service", t.distribution().label());
        o.put("service_ms", t.serviceMeanMs());
        o.put("servers", t.servers());
        o.put("network_rtt_ms", t.networkRttMs());
        o.put("queue_capacity", t.queueCapacity());
        o.put("sample", t.sampleFraction());
        o.put("outage", t.outage());
        return o;
    }

    public static ObjectNode router(Router r) {
        ObjectNode o = JSON.objectNode();
        Router.RouterCounts c = r.counts();
        o.put("policy", r.settings().policy().label());
        o.put("spill_threshold", r.settings().spillThreshold());
        o.put("to_edge", c.toEdge());
        o.put("to_cloud", c.toCloud());
        o.put("spilled", c.spilled());
        o.put("diverted", c.diverted());
        return o;
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
