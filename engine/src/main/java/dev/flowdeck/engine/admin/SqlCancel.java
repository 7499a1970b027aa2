package dev.flowdeck.engine.admin;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Cancels a running {@link SqlConsole#run}: {@link #cancel()} is called from another thread and asks the database
 * to stop the statement ({@link Statement#cancel()}), which can take a network round trip, so not from the UI thread.
 */
public final class SqlCancel {
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
    }

    public void cancel() {
        Statement running;
        synchronized (this) {
            cancelled = true;
            running = current;
        }
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException e) {
                // the statement ended in between, or the driver cannot cancel: the run ends by itself
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
