package dev.flowdeck.engine.topology;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What may change between two runs over the same topology, without regenerating it.
 *
 * @param peerUploadMbps each peer's upload capacity; 0 = peers serve nothing (then the hybrid run equals the flat one)
 * @param churn          the share of time a peer is away (0 = always there, 1 = never); the same peers are away at a
 *                       higher churn plus some more, never different ones
 * @param peerExodusSec  from this simulated second on, every peer has left at once; negative = never
 * @param failed         node ids that are down: they serve nothing, route nothing and request nothing
 */
public record RunSettings(double peerUploadMbps, double churn, double peerExodusSec, Set<Integer> failed) {
    public RunSettings {
        TopologySettings.range("peer upload (Mbps)", peerUploadMbps, 0, 1e6);
        TopologySettings.range("churn", churn, 0, 1);
        if (Double.isNaN(peerExodusSec)) {
            throw new IllegalArgumentException("peer exodus time must be a number (negative for never)");
        }
        // Sorted and unmodifiable: whatever iterates it (a summary, an export) sees the same order every run.
        failed = Collections.unmodifiableSortedSet(new TreeSet<>(failed));
    }

    public static RunSettings defaults() {
        return new RunSettings(10, 0, -1, Set.of());
    }

    public RunSettings withPeerUploadMbps(double v) {
        return new RunSettings(v, churn, peerExodusSec, failed);
    }

    public RunSettings withChurn(double v) {
        return new RunSettings(peerUploadMbps, v, peerExodusSec, failed);
    }

    public RunSettings withPeerExodusSec(double v) {
        return new RunSettings(peerUploadMbps, churn, v, failed);
    }

    public RunSettings withFailed(Set<Integer> v) {
        return new RunSettings(peerUploadMbps, churn, peerExodusSec, v);
    }

    public boolean isFailed(int node) {
        return failed.contains(node);
    }
}
