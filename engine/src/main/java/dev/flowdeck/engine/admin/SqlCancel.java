package dev.flowdeck.engine.admin;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Cancels a running {@link SqlConsole#run}: {@link #cancel()} is called from another thread and asks the database
 * to stop the statement ({@link Statement#cancel()}), which can take a network round trip, so not from the UI thread.
 */
public final class SqlCancel {
    private static final long RETRY_EVERY_MS = 100;
    private static final long RETRY_FOR_NS = 10_000_000_000L;

    private Statement current;
    private boolean cancelled;

    synchronized void begin(Statement statement) throws SQLException {
        if (cancelled) {
            throw new SQLException("cancelled before it started", "57014");
        }
        current = statement;
    }

    synchronized void end() {
        current = null;
        notifyAll();
    }

    /**
     * Asks the database to stop the statement, again every 100 ms until it has ended (at most 10 s): a cancel that
     * reaches the driver before the statement is on the wire is dropped (PgJDBC ignores a cancel while the statement
     * is idle), so one request is not enough.
     */
    public void cancel() {
        Statement running;
        synchronized (this) {
            cancelled = true;
            running = current;
        }
        long deadline = System.nanoTime() + RETRY_FOR_NS;
        while (running != null) {
            try {
                running.cancel();
            } catch (SQLException e) {
                // the statement ended in between, or the driver cannot cancel: the run ends by itself
            }
            synchronized (this) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (current != running || leftMs <= 0) {
                    return;
                }
                try {
                    wait(Math.min(RETRY_EVERY_MS, leftMs)); // end() wakes us
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (current != running) {
                    return;
                }
            }
        }
    }

    /** A statement is executing right now. */
    public synchronized boolean isRunning() {
        return current != null;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
