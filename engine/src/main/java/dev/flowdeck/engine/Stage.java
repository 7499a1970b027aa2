package dev.flowdeck.engine;

/** Every pipeline stage has this small lifecycle. start() and stop() return quickly and never throw for I/O. */
public interface Stage {
    String name();

    void start();

    /** Asks the stage to stop and waits (bounded) for its threads to end. */
    void stop();

    StageStatus status();
}
