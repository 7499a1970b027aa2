package dev.flowdeck.engine.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges each region's event rate window by window: a region that had events in one window and none in the next
 * raises a {@code rate_zero} {@link Alert}; a rate far from the region's rolling mean raises an {@link Anomaly}.
 *
 * <p><b>Detecting absence.</b> A region with no events sends nothing, so nothing arrives to react to. The monitor
 * therefore judges whole windows against a watermark: a window is complete once the watermark is past its end plus
 * the absence delay, and every complete window is judged in order, empty or not. Counts arrive in parts, one per
 * source partition; the watermark is the <em>slowest</em> active part's newest event time, so a partition that is
 * behind (catching up) holds judgement back instead of having its late counts ignored. A part that sent nothing
 * for {@link ProcessorSettings#idleAfterMs()} of wall-clock time no longer holds it back; when every part is silent,
 * the watermark follows the wall clock ({@link #onWallClock}), which is sound because event times are insert times
 * on the same clock.
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
    /** window start → region → part (source partition) → count. */
    private final TreeMap<Long, TreeMap<String, TreeMap<Integer, Long>>> pending = new TreeMap<>();
    private TreeMap<String, Long> previous = new TreeMap<>();
    /** part → newest event time seen from it; and when it last sent something (wall clock, not kept). */
    private final TreeMap<Integer, Long> partProgress = new TreeMap<>();
    private final Map<Integer, Long> partLastSeen = new HashMap<>();
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
                        Map<Long, Map<String, Map<Integer, Long>>> pending, Map<String, Long> previous, Map<String, Rate> rates,
                        Map<Integer, Long> partProgress) {
    }

    public RegionRateMonitor(ProcessorSettings settings) {
        this.settings = settings;
        this.windowMs = settings.window().toMillis();
        this.delayMs = settings.absenceDelay().toMillis();
    }

    /**
     * A part's latest event count for a region in a window (counts only grow), stamped with the newest event time in
     * it. Returns the alerts and anomalies of the windows this completes.
     */
    public List<Signal> onCount(String region, int part, long windowStart, long count, long eventTimeMs, long nowMs) {
        changes++;
        partProgress.merge(part, eventTimeMs, Math::max);
        partLastSeen.put(part, nowMs);
        if (nextWindow == NONE || (windowStart < nextWindow && !evaluatedAny)) {
            nextWindow = windowStart;
        }
        if (windowStart < nextWindow) {
            lateUpdates++; // this window was judged already; its late events still count in the aggregates
        } else if (count > 0) {
            pending.computeIfAbsent(windowStart, w -> new TreeMap<>()).computeIfAbsent(region, r -> new TreeMap<>())
                    .merge(part, count, Math::max);
        }
        return advanceTo(slowestActivePart(nowMs), nowMs);
    }

    /**
     * The wall clock ticked: parts silent for the idle time stop holding the watermark back; if every part is silent,
     * the watermark becomes "now minus the idle time".
     */
    public List<Signal> onWallClock(long nowMs) {
        long idleAfter = settings.idleAfterMs();
        long slowest = slowestActivePart(nowMs);
        return advanceTo(slowest != NONE ? slowest : nowMs - idleAfter, nowMs);
    }

    private long slowestActivePart(long nowMs) {
        long idleAfter = settings.idleAfterMs();
        long slowest = NONE;
        for (Map.Entry<Integer, Long> p : partProgress.entrySet()) {
            Long seen = partLastSeen.get(p.getKey());
            if (seen != null && nowMs - seen < idleAfter) {
                slowest = slowest == NONE ? p.getValue() : Math.min(slowest, p.getValue());
            }
        }
        return slowest;
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
        TreeMap<String, Long> current = new TreeMap<>();
        TreeMap<String, TreeMap<Integer, Long>> parts = pending.remove(window);
        if (parts != null) {
            parts.forEach((region, counts) -> current.put(region, counts.values().stream().mapToLong(Long::longValue).sum()));
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
        Map<Long, Map<String, Map<Integer, Long>>> p = new TreeMap<>();
        pending.forEach((w, regions) -> {
            Map<String, Map<Integer, Long>> copy = new TreeMap<>();
            regions.forEach((region, counts) -> copy.put(region, new TreeMap<>(counts)));
            p.put(w, copy);
        });
        return new State(nextWindow, watermark, evaluatedAny, lateUpdates, p, new TreeMap<>(previous), new TreeMap<>(rates),
                new TreeMap<>(partProgress));
    }

    /** Restores a saved state; every part counts as active from {@code nowMs} until it falls silent. */
    public void restore(State s, long nowMs) {
        nextWindow = s.nextWindow();
        watermark = s.watermark();
        evaluatedAny = s.evaluatedAny();
        lateUpdates = s.lateUpdates();
        pending.clear();
        if (s.pending() != null) {
            s.pending().forEach((w, regions) -> {
                TreeMap<String, TreeMap<Integer, Long>> copy = new TreeMap<>();
                regions.forEach((region, counts) -> copy.put(region, new TreeMap<>(counts)));
                pending.put(w, copy);
            });
        }
        previous = s.previous() == null ? new TreeMap<>() : new TreeMap<>(s.previous());
        rates.clear();
        if (s.rates() != null) {
            rates.putAll(s.rates());
        }
        partProgress.clear();
        partLastSeen.clear();
        if (s.partProgress() != null) {
            partProgress.putAll(s.partProgress());
            partProgress.keySet().forEach(p -> partLastSeen.put(p, nowMs));
        }
    }
}
