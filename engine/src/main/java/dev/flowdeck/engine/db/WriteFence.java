package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.util.TreeMap;

/**
 * The in-process fence for embedded H2, which has no view of other sessions' transactions. Every transaction that
 * writes {@code livedb} enters the fence before its first insert and leaves after commit or rollback; a writer is
 * stamped with the epoch in which it entered. Observing closes the current epoch, so a writer that may hold an id
 * allocated before an observation is stamped below that observation's next epoch.
 *
 * <p>Only writers inside this JVM pass through it. That is all of them for embedded H2: the database file is
 * locked by this process, so no other program can write to it.
 */
public final class WriteFence implements VisibilityHorizon {
    private final TreeMap<Long, Integer> openByEpoch = new TreeMap<>();
    private long epoch = 1;

    /** A writer's pass through the fence; close it after commit or rollback. */
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    /** Writers stamped below {@code nextEpoch} existed at the observation; {@code oldestOpen} is the oldest still open. */
    record Epochs(long oldestOpen, long nextEpoch) implements WriterSnapshot {
        @Override
        public boolean allEndedBy(WriterSnapshot later) {
            return ((Epochs) later).oldestOpen >= nextEpoch;
        }
    }

    public synchronized Ticket enter() {
        long stamp = epoch;
        openByEpoch.merge(stamp, 1, Integer::sum);
        return () -> leave(stamp);
    }

    private synchronized void leave(long stamp) {
        openByEpoch.computeIfPresent(stamp, (k, n) -> n == 1 ? null : n - 1);
    }

    @Override
    public synchronized WriterSnapshot observe(Connection ignored) {
        epoch++;
        long oldestOpen = openByEpoch.isEmpty() ? epoch : openByEpoch.firstKey();
        return new Epochs(oldestOpen, epoch);
    }

    /** Writers inside the fence right now. */
    public synchronized int openWriters() {
        return openByEpoch.values().stream().mapToInt(Integer::intValue).sum();
    }
}
