package dev.flowdeck.engine;

/** Where a stage is in its life. The console shows one light per stage in these colours. */
public enum StageState {
    STOPPED, STARTING, RUNNING, DEGRADED, FAILED;

    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == DEGRADED;
    }
}
