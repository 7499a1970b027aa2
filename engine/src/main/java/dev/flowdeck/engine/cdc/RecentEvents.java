package dev.flowdeck.engine.cdc;

import java.util.ArrayList;
import java.util.List;

/**
 * The last few change events a reader saw, for display: a fixed-size ring, so memory stays flat at any event rate.
 * Each event gets a sequence number; a reader of the ring asks for what came after the last number it has.
 */
public final class RecentEvents {
    /** One sampled event and when it was read (epoch micros). */
    public record Sample(long seq, ChangeEvent event, long readAtMicros) {
        /** Insert-to-read latency in milliseconds. */
        public double endToEndMs() {
            return (readAtMicros - event.createdAtMicros()) / 1000.0;
        }
    }

    private final Sample[] ring;
    private long next = 1;

    public RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        ring = new Sample[capacity];
    }

    public synchronized void add(ChangeEvent event, long readAtMicros) {
        long seq = next++;
        ring[(int) (seq % ring.length)] = new Sample(seq, event, readAtMicros);
    }

    /** The sequence number of the newest event, 0 if none. */
    public synchronized long lastSeq() {
        return next - 1;
    }

    /** Events with a sequence number above {@code afterSeq}, oldest first; at most the ring's capacity. */
    public synchronized List<Sample> since(long afterSeq) {
        long from = Math.max(afterSeq + 1, next - ring.length);
        List<Sample> out = new ArrayList<>((int) Math.max(0, next - from));
        for (long s = from; s < next; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    public int capacity() {
        return ring.length;
    }
}
