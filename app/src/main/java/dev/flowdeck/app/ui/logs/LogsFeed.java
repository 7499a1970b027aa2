package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.cdc.RecentEvents;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Logs page's own feed, apart from the pipeline's frames: while the page is shown, a named thread takes the new
 * log lines and sampled change events ten times a second and hands them to the FX thread, coalesced (at most one
 * pending update, carrying everything not yet acknowledged).
 */
public final class LogsFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogsFeed.class);
    private static final long PERIOD_MS = 100;

    private final LogRing logs;
    private final RecentEvents events;
    private final Consumer<Runnable> fxExecutor;
    private final AtomicLong logsAck = new AtomicLong();
    private final AtomicLong eventsAck = new AtomicLong();
    private final AtomicReference<LogsFrame> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Consumer<LogsFrame> listener = f -> {
    };
    private LogsFrame lastSent;
    private ScheduledExecutorService thread;

    public LogsFeed(LogRing logs, RecentEvents events) {
        this(logs, events, Platform::runLater);
    }

    /** @param fxExecutor how to run on the FX thread; tests pass a direct one */
    public LogsFeed(LogRing logs, RecentEvents events, Consumer<Runnable> fxExecutor) {
        this.logs = logs;
        this.events = events;
        this.fxExecutor = fxExecutor;
    }

    /** The Logs view has shown log lines up to this sequence number. */
    public void acknowledgeLogs(long seq) {
        logsAck.accumulateAndGet(seq, Math::max);
    }

    /** The Logs view has shown sampled events up to this sequence number. */
    public void acknowledgeEvents(long seq) {
        eventsAck.accumulateAndGet(seq, Math::max);
    }

    /** Starts feeding the listener (it runs on the FX thread). */
    public synchronized void start(Consumer<LogsFrame> listener) {
        this.listener = listener;
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowdeck-console-logs");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Takes what is new and hands it on; public so tests can drive the feed without its thread. */
    public void tick() {
        try {
            LogsFrame frame = new LogsFrame(logs.since(logsAck.get()), events.since(eventsAck.get()));
            LogsFrame previous = lastSent;
            if (frame.newLogs().isEmpty() && frame.newEvents().isEmpty()) {
                return;
            }
            if (previous != null && previous.lastLogSeq() == frame.lastLogSeq() && previous.lastEventSeq() == frame.lastEventSeq()) {
                return;
            }
            lastSent = frame;
            latest.set(frame);
            if (pending.compareAndSet(false, true)) {
                fxExecutor.accept(this::apply);
            }
        } catch (RuntimeException e) {
            log.warn("logs feed: {}", e.toString(), e);
        }
    }

    private void apply() {
        pending.set(false);
        LogsFrame frame = latest.get();
        if (frame != null) {
            listener.accept(frame);
        }
    }

    /** Stops the thread; {@link #start} may start it again. */
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
            lastSent = null;
        }
    }
}
