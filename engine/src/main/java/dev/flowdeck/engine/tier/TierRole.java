package dev.flowdeck.engine.tier;

import java.util.Locale;

/** The two tiers. Their names appear in metrics, JSON and consumer group ids. */
public enum TierRole {
    EDGE, CLOUD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public TierRole other() {
        return this == EDGE ? CLOUD : EDGE;
    }
}
