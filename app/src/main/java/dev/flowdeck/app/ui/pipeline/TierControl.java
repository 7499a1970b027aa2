package dev.flowdeck.app.ui.pipeline;

import java.util.List;

/**
 * The live settings of the edge and cloud tiers, as the Pipeline view changes them. Setters only store values the
 * tiers read on their next request: they never block, so the view model calls them on the FX thread.
 */
public interface TierControl {
    String EDGE = "edge";
    String CLOUD = "cloud";

    List<String> policies();

    String policy();

    void policy(String policy);

    double serviceMs(String tier);

    void serviceMs(String tier, double ms);

    int servers(String tier);

    void servers(String tier, int servers);

    boolean outage(String tier);

    void outage(String tier, boolean out);

    /** Sweeps both tiers' current settings on the simulated clock; blocking (about a second), so never on the FX thread. */
    void runSweep() throws Exception;
}
