package dev.flowdeck.app.ui.kit;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state every admin page shows the same way: busy (work in the background), connected (the page's Kafka or
 * database is there), and the last error in words. {@link #run} does background work with the busy flag and the
 * error text kept right. FX thread only, like the view models that hold it.
 */
public final class PageStatus {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Function<Throwable, String> describe;

    /** @param describe how a failure reads to the user */
    public PageStatus(Function<Throwable, String> describe) {
        this.describe = describe;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    public void setBusy(boolean value) {
        busy.set(value);
    }

    public boolean isConnected() {
        return connected.get();
    }

    public void setConnected(boolean value) {
        connected.set(value);
    }

    public String error() {
        return error.get();
    }

    public void setError(String text) {
        error.set(text);
    }

    public void clearError() {
        error.set("");
    }

    /** Shows the failure in words. */
    public void fail(Throwable e) {
        error.set(describe.apply(e));
    }

    /**
     * Runs {@code work} on the task runner, busy meanwhile; on success clears the error and hands the result to
     * {@code done}, on failure shows it (both on the FX thread).
     */
    public <T> TaskRunner.Handle run(TaskRunner tasks, String name, Callable<T> work, Consumer<T> done) {
        busy.set(true);
        return tasks.run(name, work, result -> {
            busy.set(false);
            error.set("");
            done.accept(result);
        }, e -> {
            busy.set(false);
            fail(e);
        });
    }
}
