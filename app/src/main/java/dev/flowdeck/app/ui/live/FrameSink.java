package dev.flowdeck.app.ui.live;

/** Receives every frame on the sampler's thread. Must return quickly and never touch the scene graph. */
@FunctionalInterface
public interface FrameSink {
    void accept(ConsoleFrame frame);
}
