package dev.flowdeck.app.ui.kit;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the console runs work off the FX thread (after JabRef's TaskExecutor): the work runs on a named
 * background thread; exactly one of the callbacks then runs on the FX thread. Tests use {@link DirectTaskRunner}.
 */
public interface TaskRunner extends AutoCloseable {
    /** A handle to cancel work that has not finished; cancelling is best effort and idempotent. */
    interface Handle {
        void cancel();

        boolean isDone();
    }

    <T> Handle run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Cancels everything still running; called when the app exits. */
    @Override
    void close();
}
