package dev.flowdeck.app.ui.kit;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callback on the calling thread: for view-model tests without a toolkit. */
public final class DirectTaskRunner implements TaskRunner {
    @Override
    public <T> Handle run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            onSuccess.accept(work.call());
        } catch (Exception e) {
            onFailure.accept(e);
        }
        return new Handle() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    @Override
    public void close() {
    }
}
