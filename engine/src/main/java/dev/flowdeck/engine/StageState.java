package dev.flowdeck.engine;

/** Where a stage is in its life. The console shows one light per stage in these colours. */
public enum StageState {
    STOPPED(2), STARTING(1), RUNNING(0), DEGRADED(3), FAILED(4);

    private final int severity;

    StageState(int severity) {
        this.severity = severity;
    }

    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == DEGRADED;
    }

    /** How much it needs attention, lowest first: RUNNING, STARTING, STOPPED, DEGRADED, FAILED. */
    public int severity() {
        return severity;
    }
}
