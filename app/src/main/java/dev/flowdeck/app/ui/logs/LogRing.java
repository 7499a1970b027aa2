package dev.flowdeck.app.ui.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} log lines, in a fixed ring: the console's log never grows. Writers (any logging thread)
 * and the console's sampler take a short lock; the FX thread never touches it.
 */
public final class LogRing {
    private final LogEntry[] ring;
    private long next = 1;

    public LogRing(int capacity) {
        ring = new LogEntry[capacity];
    }

    public synchronized void add(long timeMillis, String level, String logger, String thread, String message) {
        long seq = next++;
        ring[(int) (seq % ring.length)] = new LogEntry(seq, timeMillis, level, logger, thread, message);
    }

    /** Lines after {@code afterSeq}, oldest first, at most the capacity. */
    public synchronized List<LogEntry> since(long afterSeq) {
        long from = Math.max(afterSeq + 1, next - ring.length);
        List<LogEntry> out = new ArrayList<>((int) Math.max(0, next - from));
        for (long s = from; s < next; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    public synchronized long lastSeq() {
        return next - 1;
    }

    public int capacity() {
        return ring.length;
    }
}
