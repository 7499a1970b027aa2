package dev.flowdeck.engine.tier;

/** Told once when a job completes or fails. Runs on the event loop's thread: keep it short, never block. */
@FunctionalInterface
public interface JobListener {
    JobListener NONE = job -> { };

    void done(Job job);
}
