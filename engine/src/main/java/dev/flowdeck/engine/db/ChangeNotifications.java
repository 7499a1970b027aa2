package dev.flowdeck.engine.db;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Listens for PostgreSQL's NOTIFY on inserts into {@code livedb} and calls a wake-up, so that rows written by other
 * programs are captured at once instead of at the next poll. Only a hint: if it is down, rows wait at most one poll
 * interval. Runs on its own named thread; {@link #close()} stops it.
 */
public final class ChangeNotifications implements AutoCloseable {
    public static final String CHANNEL = "flowdeck_livedb";
    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);
    private static final int WAIT_MS = 500;

    private final Database db;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    private ChangeNotifications(Database db, Runnable onChange) {
        this.db = db;
        this.onChange = onChange;
        this.thread = new Thread(this::listen, "flowdeck-cdc-listen");
        this.thread.setDaemon(true);
    }

    /** Starts listening if the database is PostgreSQL; returns null otherwise. */
    public static ChangeNotifications startFor(Database db, Runnable onChange) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return null;
        }
        ChangeNotifications n = new ChangeNotifications(db, onChange);
        n.thread.start();
        return n;
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try (Connection c = db.open(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                failures = 0;
                while (running) {
                    PGNotification[] batch = pg.getNotifications(WAIT_MS);
                    if (batch != null && batch.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException e) {
                failures++;
                log.debug("change notifications interrupted ({}); polling covers it", e.getMessage());
                waitBeforeRetry(Math.min(5_000, 500L * failures));
            }
        }
    }

    private synchronized void waitBeforeRetry(long ms) {
        try {
            if (running) {
                wait(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(WAIT_MS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
