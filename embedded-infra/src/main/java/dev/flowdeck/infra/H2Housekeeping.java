package dev.flowdeck.infra;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded H2 file within a small factor of its live data while rows are inserted and trimmed.
 *
 * <p>Why it exists: {@code WRITE_DELAY=0} makes every commit durable at once, but it also switches off MVStore's
 * background writer, and with it the only thing that rewrites half-empty chunks and moves chunks down so the file
 * can shrink. Without it a file whose rows are trimmed keeps growing: 606 MB for about 60 MB of live rows after 20
 * minutes at 5,000 rows/s. This thread does the writer's housekeeping in small steps: rewrite at most
 * {@link #REWRITE_BYTES} of the emptiest chunks, then move chunks towards the start of the file, every
 * {@link #EVERY_MS}. Each step holds the store's lock only for that much work, so writers pause for milliseconds.
 *
 * <p>Old chunks are overwritten after {@link #RETENTION_MS} (H2's {@code RETENTION_TIME}; its default is 45 s). That
 * is the window in which a power failure, not a killed process, could leave an inconsistent file; commits are not
 * fsynced anyway.
 */
final class H2Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    static final String THREAD = "h2-housekeeping";
    static final long EVERY_MS = 1_000;
    static final int REWRITE_BYTES = 2 * 1024 * 1024;
    static final int RETENTION_MS = 0;
    /** Chunks below this share of live bytes are rewritten; MVStore's own default target. */
    static final int TARGET_FILL_PERCENT = 90;

    private final MVStore store;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private H2Housekeeping(MVStore store) {
        this.store = store;
        this.thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
    }

    /** Starts housekeeping for the database behind {@code connection}, an embedded (in-process) H2 connection. */
    static H2Housekeeping start(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        MVStore store = session.getDatabase().getStore().getMvStore();
        H2Housekeeping housekeeping = new H2Housekeeping(store);
        if (Boolean.parseBoolean(System.getProperty("flowdeck.h2.housekeeping", "true"))) {
            store.setRetentionTime(RETENTION_MS);
            housekeeping.thread.start();
        }
        return housekeeping;
    }

    private void run() {
        try {
            while (!stop.await(EVERY_MS, TimeUnit.MILLISECONDS)) {
                if (!store.isClosed()) {
                    tidyOnce();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database is closing under us, or the store failed: H2 reports the latter on the next statement.
            log.debug("H2 housekeeping ended: {}", e.getMessage());
        }
    }

    /** One step: rewrite the emptiest chunks, then move chunks down so the file can be truncated. */
    void tidyOnce() {
        store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES);
        FileStore<?> file = store.getFileStore();
        if (file instanceof RandomAccessStore randomAccess) {
            randomAccess.compactMoveChunks(TARGET_FILL_PERCENT, REWRITE_BYTES, store);
        }
    }

    long fileBytes() {
        return store.getFileStore().size();
    }

    int fillPercent() {
        return store.getFillRate();
    }

    /** Stops the thread and waits for its current step; the caller closes the database afterwards. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
