package dev.flowdeck.app.ui.live;

import javafx.application.Platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries frames to the FX thread, coalesced: at most one {@code runLater} is pending, and it applies the newest frame
 * to every listener in one batch. A slow FX thread therefore sees fewer frames, never a growing queue.
 */
public final class FxFrameDispatcher implements FrameSink {
    private final AtomicReference<ConsoleFrame> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<Consumer<ConsoleFrame>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Runnable> fxExecutor;

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
        latest.set(frame);
        if (pending.compareAndSet(false, true)) {
            fxExecutor.accept(this::apply);
        }
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
