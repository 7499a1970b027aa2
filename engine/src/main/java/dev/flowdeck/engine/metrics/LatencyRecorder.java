package dev.flowdeck.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Latencies in microseconds, recorded from any thread without locks (HdrHistogram {@link Recorder}). A single
 * sampler calls {@link #roll()} at a fixed rate; readers then see the whole history and a recent window.
 */
public final class LatencyRecorder {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final Deque<Histogram> recent = new ArrayDeque<>();
    private final int windowIntervals;
    private Histogram spare;
    private volatile Summary totalSummary = Summary.EMPTY;
    private volatile Summary windowSummary = Summary.EMPTY;

    /** Percentiles in milliseconds. */
    public record Summary(long count, double mean, double p50, double p95, double p99, double max) {
        public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

        static Summary of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return EMPTY;
            }
            return new Summary(h.getTotalCount(), h.getMean() / 1000.0, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /** @param windowIntervals how many {@link #roll()} intervals the recent window spans */
    public LatencyRecorder(int windowIntervals) {
        this.windowIntervals = Math.max(1, windowIntervals);
    }

    public LatencyRecorder() {
        this(4);
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    /** Moves what was recorded since the last roll into the totals and the recent window. One caller at a time. */
    public synchronized void roll() {
        Histogram interval = recorder.getIntervalHistogram(spare);
        total.add(interval);
        recent.addLast(interval.copy());
        while (recent.size() > windowIntervals) {
            recent.removeFirst();
        }
        spare = interval;
        Histogram window = new Histogram(MAX_MICROS, 3);
        recent.forEach(window::add);
        totalSummary = Summary.of(total);
        windowSummary = Summary.of(window);
    }

    /** Everything recorded up to the last roll. */
    public Summary total() {
        return totalSummary;
    }

    /** The last few intervals up to the last roll. */
    public Summary window() {
        return windowSummary;
    }

    /** A copy of the whole-history histogram, e.g. to export. Rolls first. */
    public synchronized Histogram totalHistogram() {
        roll();
        return total.copy();
    }

    public synchronized void reset() {
        recorder.reset();
        total.reset();
        recent.clear();
        totalSummary = Summary.EMPTY;
        windowSummary = Summary.EMPTY;
    }
}
