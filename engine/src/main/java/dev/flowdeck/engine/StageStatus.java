package dev.flowdeck.engine;

import java.time.Instant;

/** A stage's state with the human reason behind it, e.g. DEGRADED "Kafka unreachable at 127.0.0.1:9092; retrying". */
public record StageStatus(StageState state, String message, Instant since) {
    public static StageStatus of(StageState state, String message) {
        return new StageStatus(state, message, Instant.now());
    }

    public static StageStatus stopped() {
        return of(StageState.STOPPED, "stopped");
    }

    /** The more serious of two statuses (by {@link StageState#severity()}); {@code a} when equal. */
    public static StageStatus worse(StageStatus a, StageStatus b) {
        return a.state().severity() >= b.state().severity() ? a : b;
    }
}
