package dev.flowdeck.app.cli;

import picocli.CommandLine.Command;

import java.util.Optional;

/** Options of the edge and cloud tiers in the headless run (the processing issue fills this in). */
@Command
public final class TierOptions {
    /** The tiers' part of a headless run, if enabled. */
    public Optional<HeadlessRun.HeadlessExtension> extension() {
        return Optional.empty();
    }
}
