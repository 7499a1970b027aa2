package dev.flowdeck.engine.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges each region's event rate window by window: a region that had events in one window and none in the next
 * raises a {@code rate_zero} {@link Alert}; a rate far from the region's rolling mean raises an {@link Anomaly}.
 *
 * <p><b>Detecting absence.</b> A region with no events sends nothing, so nothing arrives to react to. The monitor
 * therefore judges whole windows against a watermark: a window is complete once the watermark is past its end plus
 * the absence delay, and every complete window is judged in order, empty or not. The watermark is the newest event
 * time seen (stream time). When the input falls silent, stream time stops; the caller then advances the watermark
 * by the wall clock ({@link #advanceTo}), which is sound because event times are insert times on the same clock.
 *
 * <p><b>Anomalies.</b> Per region, an exponentially weighted mean and variance of the rate over the windows in which
 * the region had events. After a warm-up, a window's rate is anomalous when it lies more than z standard deviations
 * from the mean; the deviation is floored by Poisson noise (sqrt(mean / window seconds)), so a very steady rate
 * does not turn every small wobble into an anomaly. Empty windows are left to the rate-zero rule and do not update
 * the mean (no run of "drop" anomalies after traffic stops, no false "spike" when it comes back at the old rate).
 *
 * <p>Not thread-safe: one Kafka Streams task owns it. Its state round-trips through {@link #state()} and
 * {@link #restore(State)} so the task can keep it in a changelogged store.
 */
public final class RegionRateMonitor {
    private static final long NONE = Long.MIN_VALUE;

    private final long windowMs;
    private final long delayMs;
    private final ProcessorSettings settings;
    private long nextWindow = NONE;
    private long watermark = NONE;
    private boolean evaluatedAny;
    private long lateUpdates;
    private final TreeMap<Long, TreeMap<String, Long>> pending = new TreeMap<>();
    private TreeMap<String, Long> previous = new TreeMap<>();
    private final TreeMap<String, Rate> rates = new TreeMap<>();
    private long changes;

    /** A region's rolling rate: windows seen, exponentially weighted mean and variance (events/s). */
    public record Rate(long windows, double mean, double variance) {
        static Rate first(double rate) {
            return new Rate(1, rate, 0);
        }

        Rate update(double rate, double alpha) {
            double diff = rate - mean;
            double increment = alpha * diff;
            return new Rate(windows + 1, mean + increment, (1 - alpha) * (variance + diff * increment));
        }
    }

    /** Everything the monitor knows, for its state store. */
    public record State(long nextWindow, long watermark, boolean evaluatedAny, long lateUpdates,
                        Map<Long, Map<String, Long>> pending, Map<String, Long> previous, Map<String, Rate> rates) {
    }

    public RegionRateMonitor(ProcessorSettings settings) {
        this.settings = settings;
        this.windowMs = settings.window().toMillis();
        this.delayMs = settings.absenceDelay().toMillis();
    }

    /**
     * A region's latest event count in a window (counts only grow), stamped with the newest event time in it.
     * Returns the alerts and anomalies of the windows this completes.
     */
    public List<Signal> onCount(String region, long windowStart, long count, long eventTimeMs, long nowMs) {
        changes++;
        if (nextWindow == NONE || (windowStart < nextWindow && !evaluatedAny)) {
            nextWindow = windowStart;
        }
        if (windowStart < nextWindow) {
            lateUpdates++; // this window was judged already; its late events still count in the aggregates
        } else if (count > 0) {
            pending.computeIfAbsent(windowStart, w -> new TreeMap<>()).merge(region, count, Math::max);
        }
        return advanceTo(eventTimeMs, nowMs);
    }

    /** Moves the watermark forward (never back) and judges every window it completes, in order. */
    public List<Signal> advanceTo(long newWatermark, long nowMs) {
        if (newWatermark <= watermark) {
            return List.of();
        }
        watermark = newWatermark;
        changes++;
        List<Signal> out = new ArrayList<>();
        while (nextWindow != NONE && nextWindow + windowMs + delayMs <= watermark) {
            if (previous.isEmpty() && (pending.isEmpty() || pending.firstKey() > nextWindow)) {
                // Nothing before and nothing in this window: nothing to judge until the next window with events.
                long firstIncomplete = (Math.floorDiv(watermark - delayMs - windowMs, windowMs) + 1) * windowMs;
                nextWindow = pending.isEmpty() ? firstIncomplete : Math.min(pending.firstKey(), firstIncomplete);
                continue;
            }
            judge(nextWindow, nowMs, out);
            nextWindow += windowMs;
        }
        return out;
    }

    private void judge(long window, long nowMs, List<Signal> out) {
        TreeMap<String, Long> current = pending.remove(window);
        if (current == null) {
            current = new TreeMap<>();
        }
        for (Map.Entry<String, Long> before : previous.entrySet()) {
            if (!current.containsKey(before.getKey())) {
                out.add(Alert.rateZero(before.getKey(), window, windowMs, before.getValue(), nowMs));
            }
        }
        double seconds = windowMs / 1000.0;
        double alpha = settings.anomalyAlpha();
        double zLimit = settings.anomalyZ();
        int warmup = settings.anomalyWarmupWindows();
        for (Map.Entry<String, Long> e : current.entrySet()) {
            double rate = e.getValue() / seconds;
            Rate r = rates.get(e.getKey());
            if (r != null && r.windows() >= warmup) {
                double deviation = Math.max(Math.sqrt(r.variance()), Math.sqrt(r.mean() / seconds));
                double z = deviation > 0 ? (rate - r.mean()) / deviation : 0;
                if (Math.abs(z) >= zLimit) {
                    out.add(Anomaly.of(e.getKey(), window, windowMs, rate, r.mean(), deviation, z, nowMs));
                }
            }
            rates.put(e.getKey(), r == null ? Rate.first(rate) : r.update(rate, alpha));
        }
        previous = current;
        evaluatedAny = true;
    }

    /** The start of the first window not judged yet, or {@link Long#MIN_VALUE} before any input. */
    public long nextWindow() {
        return nextWindow;
    }

    public long watermark() {
        return watermark;
    }

    /** Updates for windows that had been judged already (their events arrived later than the absence delay). */
    public long lateUpdates() {
        return lateUpdates;
    }

    /** Grows with every change, so the caller saves the state only when it changed. */
    public long changes() {
        return changes;
    }

    public Map<String, Rate> rates() {
        return Map.copyOf(rates);
    }

    public State state() {
        Map<Long, Map<String, Long>> p = new TreeMap<>();
        pending.forEach((w, counts) -> p.put(w, new TreeMap<>(counts)));
        return new State(nextWindow, watermark, evaluatedAny, lateUpdates, p, new TreeMap<>(previous), new TreeMap<>(rates));
    }

    public void restore(State s) {
        nextWindow = s.nextWindow();
        watermark = s.watermark();
        evaluatedAny = s.evaluatedAny();
        lateUpdates = s.lateUpdates();
        pending.clear();
        if (s.pending() != null) {
            s.pending().forEach((w, counts) -> pending.put(w, new TreeMap<>(counts)));
        }
        previous = s.previous() == null ? new TreeMap<>() : new TreeMap<>(s.previous());
        rates.clear();
        if (s.rates() != null) {
            rates.putAll(s.rates());
        }
    }
}
