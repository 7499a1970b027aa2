package dev.flowdeck.engine.tier;

import java.util.function.Consumer;

/**
 * Hands finished jobs on in arrival order (by their key 0, 1, 2, ...), although a tier with several servers finishes
 * them out of order. Bounded in practice: a FIFO tier starts jobs in arrival order, so when job i finishes every
 * earlier job has started and at most c − 1 of them are still in service (failures at a full queue are told at once
 * and may run ahead by up to the queue bound).
 */
final class ArrivalOrder {
    private final Consumer<Job> sink;
    private Job[] ring = new Job[64];
    private long next;

    ArrivalOrder(Consumer<Job> sink) {
        this.sink = sink;
    }

    void add(Job job) {
        long key = job.key();
        if (key < next) {
            throw new IllegalStateException("job " + key + " finished twice");
        }
        while (key - next >= ring.length) {
            grow();
        }
        ring[slot(key)] = job;
        Job head;
        while ((head = ring[slot(next)]) != null && head.key() == next) {
            ring[slot(next)] = null;
            next++;
            sink.accept(head);
        }
    }

    /** Jobs handed on so far. */
    long passed() {
        return next;
    }

    private int slot(long key) {
        return (int) (key & (ring.length - 1));
    }

    private void grow() {
        Job[] old = ring;
        ring = new Job[old.length * 2];
        for (Job j : old) {
            if (j != null) {
                ring[slot(j.key())] = j;
            }
        }
    }
}
