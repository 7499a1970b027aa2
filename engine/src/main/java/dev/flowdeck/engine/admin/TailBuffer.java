package dev.flowdeck.engine.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded hand-over between a fast producer thread and a reader that drains in batches (the UI, once per frame).
 * When the reader falls behind by more than the capacity, the oldest items are dropped and counted, so memory stays
 * bounded whatever the rate.
 */
public final class TailBuffer<T> {
    private final Object[] ring;
    private long written;
    private long read;
    private long dropped;

    public TailBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new Object[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized void add(T item) {
        ring[(int) (written++ % ring.length)] = item;
    }

    public synchronized void addAll(Collection<? extends T> items) {
        for (T item : items) {
            ring[(int) (written++ % ring.length)] = item;
        }
    }

    /** Everything added since the last drain, oldest first; what was overwritten before it could be read counts as dropped. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> drain() {
        long from = Math.max(read, written - ring.length);
        dropped += from - read;
        List<T> out = new ArrayList<>((int) (written - from));
        for (long i = from; i < written; i++) {
            int slot = (int) (i % ring.length);
            out.add((T) ring[slot]);
            ring[slot] = null;
        }
        read = written;
        return out;
    }

    /** Items added in total. */
    public synchronized long added() {
        return written;
    }

    /** Items dropped because the reader fell behind by more than the capacity. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized boolean hasPending() {
        return written > read;
    }
}
