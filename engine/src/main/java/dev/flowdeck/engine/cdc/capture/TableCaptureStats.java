package dev.flowdeck.engine.cdc.capture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one captured table, written by the capture's worker after each committed Kafka transaction and
 * read by the console and the command line's summary at any time (every field is safe to read from any thread).
 */
public final class TableCaptureStats {
    private static final int RATE_WINDOW_S = 5;
    /** With no change published for this long, the last lag is history, not the table's lag now. */
    public static final long IDLE_AFTER_MS = RATE_WINDOW_S * 1_000L;

    private final TableId table;
    private final String topic;
    private final AtomicLong snapshotTotal = new AtomicLong(-1);
    private final AtomicLong snapshotDone = new AtomicLong();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private volatile boolean snapshotComplete;
    private volatile long lastLagMs = -1;
    private volatile long lastCommitTsMs = -1;
    private volatile long lastPublishedMs = -1;
    /** Changes per second in the last seconds: a ring of one-second buckets, indexed by epoch second. */
    private final long[] bucketSecond = new long[RATE_WINDOW_S + 1];
    private final long[] bucketCount = new long[RATE_WINDOW_S + 1];

    public TableCaptureStats(TableId table, String topic) {
        this.table = table;
        this.topic = topic;
    }

    public TableId table() {
        return table;
    }

    public String topic() {
        return topic;
    }

    /** The snapshot is about to read {@code rows} rows (an estimate until it completes; -1 if unknown). */
    public void snapshotStarted(long rows) {
        snapshotTotal.set(rows);
    }

    /** The snapshot's rows are all published; its total becomes exact. */
    public void snapshotCompleted() {
        snapshotTotal.set(snapshotDone.get());
        snapshotComplete = true;
    }

    /** The snapshot's transaction was aborted (the capture stopped before its last row): none of its rows count. */
    public void snapshotAborted() {
        snapshotDone.set(0);
        snapshotComplete = false;
    }

    /** {@code count} changes of kind {@code op} are committed to Kafka; the last one was committed at {@code commitTsMs}. */
    public void published(ChangeOp op, long count, long commitTsMs, long publishedAtMs) {
        switch (op) {
            case READ -> {
                long done = snapshotDone.addAndGet(count);
                snapshotTotal.accumulateAndGet(done, Math::max);
            }
            case CREATE -> inserts.addAndGet(count);
            case UPDATE -> updates.addAndGet(count);
            case DELETE -> deletes.addAndGet(count);
        }
        if (op != ChangeOp.READ) {
            lastCommitTsMs = commitTsMs;
            lastLagMs = Math.max(0, publishedAtMs - commitTsMs);
            lastPublishedMs = publishedAtMs;
        }
        addToRate(count, publishedAtMs / 1000);
    }

    private synchronized void addToRate(long count, long second) {
        int i = (int) (second % bucketSecond.length);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            bucketCount[i] = 0;
        }
        bucketCount[i] += count;
    }

    /** Changes (snapshot rows included) per second over the last {@value #RATE_WINDOW_S} whole seconds. */
    public synchronized double rate(long nowMs) {
        long now = nowMs / 1000;
        long sum = 0;
        for (int i = 0; i < bucketSecond.length; i++) {
            if (bucketSecond[i] < now && bucketSecond[i] >= now - RATE_WINDOW_S) {
                sum += bucketCount[i];
            }
        }
        return sum / (double) RATE_WINDOW_S;
    }

    public double rate() {
        return rate(System.currentTimeMillis());
    }

    /** Rows the snapshot will read: an estimate while it runs, exact once complete; -1 before it starts. */
    public long snapshotRowsTotal() {
        return snapshotTotal.get();
    }

    public long snapshotRowsDone() {
        return snapshotDone.get();
    }

    public boolean snapshotComplete() {
        return snapshotComplete;
    }

    /** The snapshot's progress from 0 to 1 (1 once complete). */
    public double snapshotProgress() {
        if (snapshotComplete) {
            return 1.0;
        }
        long total = snapshotTotal.get();
        return total <= 0 ? 0.0 : Math.min(1.0, snapshotDone.get() / (double) total);
    }

    public long inserts() {
        return inserts.get();
    }

    public long updates() {
        return updates.get();
    }

    public long deletes() {
        return deletes.get();
    }

    /** Inserts, updates and deletes streamed (snapshot rows not counted). */
    public long changes() {
        return inserts.get() + updates.get() + deletes.get();
    }

    /** Milliseconds from the last streamed change's commit in the database to its commit in Kafka; -1 if none yet. */
    public long lastLagMs() {
        return lastLagMs;
    }

    /**
     * The lag now: the last streamed change's lag while changes keep arriving, -1 when none arrived in the last
     * {@link #IDLE_AFTER_MS} ms (an idle table has no lag to show; its last figure would look live but be stale).
     */
    public long currentLagMs(long nowMs) {
        long last = lastPublishedMs;
        return last < 0 || nowMs - last > IDLE_AFTER_MS ? -1 : lastLagMs;
    }

    /** True once changes were streamed but none in the last {@link #IDLE_AFTER_MS} ms. */
    public boolean idle(long nowMs) {
        long last = lastPublishedMs;
        return last >= 0 && nowMs - last > IDLE_AFTER_MS;
    }

    /** Commit time (epoch ms) of the last streamed change published; -1 if none yet. */
    public long lastCommitTsMs() {
        return lastCommitTsMs;
    }
}
