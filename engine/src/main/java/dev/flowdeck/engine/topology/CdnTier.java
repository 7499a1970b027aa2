package dev.flowdeck.engine.topology;

/**
 * The CDN's servers (origin and edges) with their transfer slots. A request goes to the nearest reachable server that
 * holds the item and has a free slot; when all of those are busy it queues at the one where its first byte arrives
 * soonest. It never refuses for load, so whether the CDN can serve a request does not depend on earlier traffic.
 */
final class CdnTier {
    /** The route index (into {@link CdnRoutes} for this client) and the wait in seconds. */
    record Choice(int route, double waitSec) {
    }

    private final Topology t;
    private final CdnRoutes routes;
    private final SlotPool[] pools;
    private final double transferSec;

    CdnTier(Topology t, RunSettings run, CdnRoutes routes) {
        this.t = t;
        this.routes = routes;
        TopologySettings s = t.settings();
        this.transferSec = s.segmentMb() * 8 / s.streamMbps();
        pools = new SlotPool[t.serverCount()];
        for (int sv = 0; sv < pools.length; sv++) {
            pools[sv] = new SlotPool((int) Math.floor(t.capacityMbps(sv, run) / s.streamMbps()));
        }
    }

    /** Books a slot for the request; null when no reachable server that is up holds the item. */
    Choice serve(int client, int item, double now) {
        int chosen = -1;
        double bestArrival = Double.POSITIVE_INFINITY;
        for (int i = 0; i < routes.reachable(client); i++) {
            int server = routes.server(client, i);
            if (!t.holdsAtStart(server, item)) {
                continue;
            }
            double wait = pools[server].startTime(now) - now;
            if (wait == 0) {
                chosen = i;
                break;
            }
            double arrival = wait * 1000 + 2 * routes.latencyMs(client, i);
            if (arrival < bestArrival) {
                bestArrival = arrival;
                chosen = i;
            }
        }
        if (chosen < 0) {
            return null;
        }
        int server = routes.server(client, chosen);
        return new Choice(chosen, pools[server].take(now, transferSec) - now);
    }
}
