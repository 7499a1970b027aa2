package dev.flowdeck.app.ui.live;

import javafx.application.Platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries frames to the FX thread, coalesced: at most one {@code runLater} is pending, and it applies the newest frame
 * to every listener in one batch. A slow FX thread therefore sees fewer frames, never a growing queue; a frame that
 * shows nothing new is not sent at all.
 */
public final class FxFrameDispatcher implements FrameSink {
    private final AtomicReference<ConsoleFrame> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<Consumer<ConsoleFrame>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Runnable> fxExecutor;
    private volatile ConsoleFrame lastSent;

    public FxFrameDispatcher() {
        this(Platform::runLater);
    }

    /** @param fxExecutor how to run on the FX thread; tests pass a direct one */
    public FxFrameDispatcher(Consumer<Runnable> fxExecutor) {
        this.fxExecutor = fxExecutor;
    }

    /** Listeners run on the FX thread. */
    public void addListener(Consumer<ConsoleFrame> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ConsoleFrame> listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(ConsoleFrame frame) {
        ConsoleFrame previous = lastSent;
        if (previous != null && sameContent(previous, frame)) {
            return; // the engine rolls its metrics 4 times a second: most sampler ticks bring nothing new to draw
        }
        lastSent = frame;
        latest.set(frame);
        if (pending.compareAndSet(false, true)) {
            fxExecutor.accept(this::apply);
        }
    }

    /** True if {@code b} would show exactly what {@code a} shows (only the sampling time differs). */
    static boolean sameContent(ConsoleFrame a, ConsoleFrame b) {
        return a.metricsAtMillis() == b.metricsAtMillis() && a.pipelineRunning() == b.pipelineRunning()
                && a.session().equals(b.session()) && a.stages().equals(b.stages())
                && a.processor().equals(b.processor()) && a.tiers().equals(b.tiers());
    }

    private void apply() {
        pending.set(false);
        ConsoleFrame frame = latest.get();
        if (frame != null) {
            for (Consumer<ConsoleFrame> l : listeners) {
                l.accept(frame);
            }
        }
    }
}
