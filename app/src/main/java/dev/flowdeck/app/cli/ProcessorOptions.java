package dev.flowdeck.app.cli;

import java.util.Optional;

/** Options of the stream processor in the headless run (the processing issue fills this in). */
public final class ProcessorOptions {
    /** The processor's part of a headless run, if enabled. */
    public Optional<HeadlessRun.HeadlessExtension> extension() {
        return Optional.empty();
    }
}
