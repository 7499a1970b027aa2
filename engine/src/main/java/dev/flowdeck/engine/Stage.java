package dev.flowdeck.engine;

/**
 * Every pipeline stage has this small lifecycle. start() and stop() return quickly and never throw for I/O.
 * Stages are built by the engine only: a {@link PipelinePart} adds them to a {@link Pipeline}.
 */
public interface Stage {
    StageId id();

    /** The worker threads' name without the {@code flowdeck-} prefix. */
    default String name() {
        return id().thread();
    }

    void start();

    /** Asks the stage to stop and waits (bounded) for its threads to end. */
    void stop();

    StageStatus status();
}
