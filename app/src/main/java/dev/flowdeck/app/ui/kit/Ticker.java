package dev.flowdeck.app.ui.kit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A named daemon thread that runs one task at a fixed rate until closed; {@link #start()} again after a close. */
public final class Ticker implements AutoCloseable {
    private final String threadName;
    private final long periodMs;
    private final Runnable tick;
    private ScheduledExecutorService thread;

    public Ticker(String threadName, long periodMs, Runnable tick) {
        this.threadName = threadName;
        this.periodMs = periodMs;
        this.tick = tick;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(tick, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread and waits (bounded) for a tick in progress. */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
