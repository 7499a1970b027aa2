package dev.flowdeck.app.ui.live;

/** The last {@code capacity} values of one number, oldest first: a sparkline's data. Not thread-safe. */
public final class History {
    private final double[] values;
    private int size;
    private int head;

    public History(int capacity) {
        values = new double[capacity];
    }

    public void add(double v) {
        values[head] = v;
        head = (head + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    public double[] toArray() {
        double[] out = new double[size];
        int start = (head - size + values.length) % values.length;
        for (int i = 0; i < size; i++) {
            out[i] = values[(start + i) % values.length];
        }
        return out;
    }

    public void clear() {
        size = 0;
        head = 0;
    }
}
