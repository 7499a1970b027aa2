package dev.flowdeck.engine.topology;

import java.util.Arrays;
import java.util.List;

/**
 * The seeded discrete-event delivery simulation. Events are request arrivals (in time order, the same stream for both
 * topologies), transfer completions (each CDN server's {@link SlotPool}), window boundaries (peers' upload budgets
 * refill) and peers joining or leaving ({@link PeerPresence}). A request is served by
 * <ol>
 *   <li>in the hybrid topology only: the nearest overlay neighbour that is up, present, holds the item and has upload
 *       budget left in the current window ({@link PeerTier}); else</li>
 *   <li>the nearest CDN server (edge or origin) that is up, reachable and holds the item and has a free slot; if all
 *       of those are busy, the one where the first byte arrives soonest after queueing ({@link CdnTier}); else</li>
 *   <li>nobody: the request fails.</li>
 * </ol>
 * Built so that the invariants hold by construction: the CDN step never depends on load for success (it
 * queues), so hybrid success ≥ flat success; peers with no budget never serve, so zero upload or no peers replay the
 * flat run exactly; peers' budgets are whole transfers per window and presence is nested in churn, so more upload or
 * less churn only ever adds peer service (a superset, request by request), never removes any.
 */
public final class DeliverySimulation {
    private DeliverySimulation() {
    }

    /** Runs the same requests over the flat and the hybrid topology. */
    public static DeliveryComparison compare(Topology topology, RunSettings run) {
        validate(topology, run);
        CdnRoutes routes = CdnRoutes.compute(topology, run);
        return new DeliveryComparison(topology, run, new Run(topology, run, routes, false).execute(),
                new Run(topology, run, routes, true).execute());
    }

    /** Runs one topology only. */
    public static DeliveryResult run(Topology topology, RunSettings run, boolean hybrid) {
        validate(topology, run);
        return new Run(topology, run, CdnRoutes.compute(topology, run), hybrid).execute();
    }

    /** Whole transfers a peer may upload per window: its upload budget, rounded down. */
    public static int peerTransfersPerWindow(TopologySettings s, double peerUploadMbps) {
        return (int) Math.floor(peerUploadMbps * s.windowSec() / (s.segmentMb() * 8) + 1e-9);
    }

    private static void validate(Topology t, RunSettings run) {
        for (int node : run.failed()) {
            if (node < 0 || node >= t.nodeCount()) {
                throw new IllegalArgumentException("cannot fail node " + node + ": the topology has nodes 0.." + (t.nodeCount() - 1));
            }
        }
    }

    private static final class Run {
        private final Topology t;
        private final TopologySettings s;
        private final RunSettings run;
        private final CdnRoutes routes;
        private final boolean hybrid;
        private final List<Link> links;

        Run(Topology t, RunSettings run, CdnRoutes routes, boolean hybrid) {
            this.t = t;
            this.s = t.settings();
            this.run = run;
            this.routes = routes;
            this.hybrid = hybrid;
            this.links = t.links();
        }

        DeliveryResult execute() {
            int n = t.nodeCount();
            RequestStream requests = t.requests();
            int total = requests.size();
            double segmentBytes = s.segmentMb() * 1e6;
            boolean[] failed = new boolean[n];
            run.failed().forEach(node -> failed[node] = true);
            PeerTier peerTier = hybrid ? new PeerTier(t, run, failed) : null;
            boolean peers = peerTier != null && peerTier.active();
            CdnTier cdn = new CdnTier(t, run, routes);

            long[] nodeServed = new long[n];
            double[] clientLatencySum = new double[n];
            long[] clientGot = new long[n];
            double[] linkBytes = new double[links.size()];
            int[] source = new int[total];
            float[] latency = new float[total];
            float[] servedLatency = new float[total];
            long made = 0;
            long served = 0;
            long hopsSum = 0;
            long queued = 0;
            long peerServed = 0;
            long edgeServed = 0;
            long originServed = 0;
            double latencySum = 0;

            for (int r = 0; r < total; r++) {
                int c = requests.client(r);
                if (failed[c]) {
                    source[r] = DeliveryResult.NOT_MADE;
                    latency[r] = Float.NaN;
                    continue;
                }
                made++;
                double now = requests.time(r);
                int item = requests.item(r);
                int from = DeliveryResult.FAILED;
                double ms = Double.NaN;
                int hops = 0;

                int neighbour = peers ? peerTier.serve(c, item, now) : -1;
                if (neighbour >= 0) {
                    from = t.peerNeighboursUnsafe(c)[neighbour];
                    Link l = links.get(t.peerLinksUnsafe(c)[neighbour]);
                    ms = 2 * l.latencyMs();
                    hops = 1;
                    linkBytes[l.index()] += segmentBytes;
                    peerServed++;
                } else {
                    CdnTier.Choice choice = cdn.serve(c, item, now);
                    if (choice != null) {
                        from = routes.server(c, choice.route());
                        if (choice.waitSec() > 0) {
                            queued++;
                        }
                        ms = choice.waitSec() * 1000 + 2 * routes.latencyMs(c, choice.route());
                        hops = routes.hops(c, choice.route());
                        routes.addTraffic(c, choice.route(), linkBytes, segmentBytes);
                        if (from == Topology.ORIGIN) {
                            originServed++;
                        } else {
                            edgeServed++;
                        }
                    }
                }

                source[r] = from;
                if (from == DeliveryResult.FAILED) {
                    latency[r] = Float.NaN;
                    continue;
                }
                latency[r] = (float) ms;
                servedLatency[(int) served] = (float) ms;
                served++;
                latencySum += ms;
                hopsSum += hops;
                nodeServed[from]++;
                clientLatencySum[c] += ms;
                clientGot[c]++;
                if (peers) {
                    peerTier.received(c, item);
                }
            }

            double[] nodeLoad = new double[n];
            double[] clientLatency = new double[n];
            Arrays.fill(clientLatency, Double.NaN);
            double segmentMbit = s.segmentMb() * 8;
            double edgeLoadMax = 0;
            int servers = t.serverCount();
            int firstClient = t.firstClient();
            for (int v = 0; v < n; v++) {
                double capacity = t.capacityMbps(v, run);
                nodeLoad[v] = capacity > 0 ? nodeServed[v] * segmentMbit / (capacity * s.durationSec()) : 0;
                if (v >= firstClient && clientGot[v] > 0) {
                    clientLatency[v] = clientLatencySum[v] / clientGot[v];
                }
                if (v > 0 && v < servers) {
                    edgeLoadMax = Math.max(edgeLoadMax, nodeLoad[v]);
                }
            }
            double[] linkUtilisation = new double[linkBytes.length];
            for (int i = 0; i < linkBytes.length; i++) {
                linkUtilisation[i] = linkBytes[i] * 8 / 1e6 / (links.get(i).bandwidthMbps() * s.durationSec());
            }
            float[] sorted = Arrays.copyOf(servedLatency, (int) served);
            Arrays.sort(sorted);
            double p95 = served == 0 ? 0 : sorted[(int) Math.ceil(0.95 * served) - 1];
            DeliveryMetrics metrics = new DeliveryMetrics(made, served, made == 0 ? 1.0 : (double) served / made,
                    served == 0 ? 0 : latencySum / served, p95, served == 0 ? 0 : (double) hopsSum / served,
                    served == 0 ? 0 : (double) peerServed / served, served == 0 ? 0 : (double) originServed / served,
                    peerServed, edgeServed, originServed, served == 0 ? 0 : (double) queued / served, edgeLoadMax,
                    originServed * segmentMbit / s.durationSec());
            return new DeliveryResult(hybrid, metrics, nodeServed, nodeLoad, clientLatency, linkBytes, linkUtilisation,
                    source, latency);
        }
    }
}
