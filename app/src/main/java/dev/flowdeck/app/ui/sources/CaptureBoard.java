package dev.flowdeck.app.ui.sources;

import dev.flowdeck.engine.cdc.capture.CaptureSource;

import java.util.Optional;

/**
 * The capture the console runs now, shared by the Sources page (which starts and stops it) and the Pipeline page
 * (which shows each captured table's rate and lag). Read from the FX thread; the capture's counters are thread-safe.
 */
public final class CaptureBoard {
    private volatile CaptureSource current;

    public Optional<CaptureSource> current() {
        return Optional.ofNullable(current);
    }

    void set(CaptureSource capture) {
        current = capture;
    }

    /** Stops the capture (the app is closing); its triggers or slot stay, so the next start resumes. */
    public void close() {
        CaptureSource c = current;
        current = null;
        if (c != null) {
            c.stop();
        }
    }
}
