package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the router sends a request. */
public enum RoutingPolicy {
    /** Every request is served at the edge. */
    EDGE_ONLY,
    /** Every request is served in the cloud. */
    CLOUD_ONLY,
    /**
     * Requests are served where they arrive, edge first: an edge request spills to the cloud while the edge queue is
     * at or above the spill threshold; while one tier is out, the other takes everything.
     */
    HYBRID;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code edge-only}, {@code cloud-only} or {@code hybrid}, any case, '_' or '-'. */
    public static RoutingPolicy parse(String text) {
        String wanted = text == null ? "" : text.trim().replace('_', '-');
        for (RoutingPolicy p : values()) {
            if (p.label().equalsIgnoreCase(wanted)) {
                return p;
            }
        }
        throw new SettingsException("routing policy '" + text + "' is not known: use one of "
                + Arrays.stream(values()).map(RoutingPolicy::label).collect(Collectors.joining(", ")));
    }
}
