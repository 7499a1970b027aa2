package dev.flowdeck.app.ui.charts;

import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;

/**
 * A named rolling buffer of (x, y) points with a fixed capacity: memory stays flat however long the console runs.
 * Points are added only from the sampler's thread, under the data set's write lock (never on the FX thread, where
 * ChartFX may hold the read lock across a layout).
 */
public final class RollingSeries {
    private final CircularDoubleErrorDataSet data;

    public RollingSeries(String name, int capacity) {
        data = new CircularDoubleErrorDataSet(name, capacity);
    }

    public CircularDoubleErrorDataSet data() {
        return data;
    }

    public void add(double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            data.lock().writeLockGuard(() -> data.add(x, y, 0, 0));
        }
    }

    public void clear() {
        data.lock().writeLockGuard(() -> data.reset());
    }
}
