package dev.flowdeck.app.cli;

import java.util.Optional;

/** Options of the edge and cloud tiers in the headless run (the processing issue fills this in). */
public final class TierOptions {
    /** The tiers' part of a headless run, if enabled. */
    public Optional<HeadlessRun.HeadlessExtension> extension() {
        return Optional.empty();
    }
}
