package dev.flowdeck.engine.topology;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The hybrid topology's first choice: a client's overlay neighbours. A neighbour serves if it is up, present (not
 * away through churn or the exodus), holds the item and has upload budget left in the current window. Budgets are
 * whole items per window, so more upload or less churn can only ever add peer service, never take any away.
 */
final class PeerTier {
    private final Topology t;
    private final RunSettings run;
    private final boolean[] failed;
    private final int budgetPerWindow;
    private final double windowSec;
    private final BitSet[] holds;
    private final int[] budget;
    private final int[] budgetWindow;

    PeerTier(Topology t, RunSettings run, boolean[] failed) {
        this.t = t;
        this.run = run;
        this.failed = failed;
        this.budgetPerWindow = DeliverySimulation.peerTransfersPerWindow(t.settings(), run.peerUploadMbps());
        this.windowSec = t.settings().windowSec();
        int clients = t.clientCount();
        holds = new BitSet[clients];
        budget = new int[clients];
        budgetWindow = new int[clients];
        for (int k = 0; k < clients; k++) {
            holds[k] = (BitSet) t.initialCache(t.firstClient() + k).clone();
        }
        Arrays.fill(budgetWindow, -1);
    }

    /** Whether peers can serve anything at all in this run (no links or no budget: they cannot). */
    boolean active() {
        return budgetPerWindow > 0 && t.settings().peersPerClient() > 0;
    }

    /** Serves the request from the nearest able neighbour: returns its index in the client's neighbour list, or -1. */
    int serve(int client, int item, double now) {
        if (run.peerExodusSec() >= 0 && now >= run.peerExodusSec()) {
            return -1;
        }
        int window = (int) (now / windowSec);
        int[] neighbours = t.peerNeighboursUnsafe(client);
        for (int i = 0; i < neighbours.length; i++) {
            int p = neighbours[i];
            int k = p - t.firstClient();
            if (failed[p] || !holds[k].get(item) || !t.presence().present(k, window, run.churn())) {
                continue;
            }
            if (budgetWindow[k] != window) {
                budgetWindow[k] = window;
                budget[k] = budgetPerWindow;
            }
            if (budget[k] > 0) {
                budget[k]--;
                return i;
            }
        }
        return -1;
    }

    /** The client now holds the item and can pass it on. */
    void received(int client, int item) {
        holds[client - t.firstClient()].set(item);
    }
}
