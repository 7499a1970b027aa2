package dev.flowdeck.engine.topology;

/**
 * A CDN server's concurrent transfer slots: a min-heap of the times at which busy slots become free. A request that
 * finds every slot busy waits for the earliest one (first come, first served, since requests arrive in time order).
 */
final class SlotPool {
    private final double[] freeAt;
    private int size;

    SlotPool(int slots) {
        freeAt = new double[Math.max(1, slots)];
    }

    /** When a transfer arriving at {@code now} could start. */
    double startTime(double now) {
        return size < freeAt.length ? now : Math.max(now, freeAt[0]);
    }

    /** Books a slot; returns the start time. */
    double take(double now, double duration) {
        if (size < freeAt.length) {
            int i = size++;
            freeAt[i] = now + duration;
            siftUp(i);
            return now;
        }
        double start = Math.max(now, freeAt[0]);
        freeAt[0] = start + duration;
        siftDown(0);
        return start;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (freeAt[parent] <= freeAt[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && freeAt[l + 1] < freeAt[l] ? l + 1 : l;
            if (freeAt[i] <= freeAt[m]) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        double t = freeAt[a];
        freeAt[a] = freeAt[b];
        freeAt[b] = t;
    }
}
