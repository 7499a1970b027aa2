package dev.flowdeck.app.ui.kit;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs console work on a small pool of named threads and delivers the outcome on the FX thread. */
public final class FxTaskRunner implements TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(FxTaskRunner.class);
    private static final Handle DONE = new Handle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "flowdeck-ui-task-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> Handle run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Future<?> future;
        try {
            future = submit(name, work, onSuccess, onFailure);
        } catch (RejectedExecutionException closed) {
            // After close() the console is going away: a page's timer that fires once more has nothing left to do.
            log.debug("{} not run: the console is closing", name);
            return DONE;
        }
        return new Handle() {
            @Override
            public void cancel() {
                future.cancel(true);
            }

            @Override
            public boolean isDone() {
                return future.isDone();
            }
        };
    }

    private <T> Future<?> submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return pool.submit(() -> {
            String previous = Thread.currentThread().getName();
            Thread.currentThread().setName("flowdeck-ui-task: " + name);
            try {
                T result = work.call();
                if (!Thread.currentThread().isInterrupted()) {
                    Platform.runLater(() -> onSuccess.accept(result));
                }
            } catch (Throwable e) {
                log.debug("{} failed", name, e);
                Platform.runLater(() -> onFailure.accept(e));
            } finally {
                Thread.currentThread().setName(previous);
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("console tasks still running at exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
