package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.StageId;

import java.util.Locale;

/** The two tiers. Their names appear in metrics, JSON and consumer group ids. */
public enum TierRole {
    EDGE, CLOUD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier's stage: its metric key (completions per second) and its feed's thread. */
    public StageId stageId() {
        return this == EDGE ? StageId.EDGE : StageId.CLOUD;
    }

    public TierRole other() {
        return this == EDGE ? CLOUD : EDGE;
    }
}
