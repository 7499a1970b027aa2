package dev.flowdeck.engine.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stage's counters and every hop's latency, by name. Workers write; one sampler calls {@link #roll()} at a
 * fixed rate; readers (console, headless summary) take {@link #snapshot()}s and never block a worker.
 */
public final class PipelineMetrics {
    private final Map<String, StageCounters> counters = new ConcurrentHashMap<>();
    private final Map<String, LatencyRecorder> latencies = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private volatile Snapshot last = new Snapshot(System.currentTimeMillis(), Map.of(), Map.of(), Map.of(), Map.of());

    /** Items per second over the last roll interval, smoothed. */
    private static final class Rate {
        long lastCount;
        long lastNanos = System.nanoTime();
        double perSecond;
    }

    /** One moment's view: counts, rates (items/s), and latency summaries (ms) for the recent window and in total. */
    public record Snapshot(long atMillis, Map<String, Long> counts, Map<String, Double> ratesPerSecond,
                           Map<String, LatencyRecorder.Summary> recentLatency, Map<String, LatencyRecorder.Summary> totalLatency) {
        public long count(String stage) {
            return counts.getOrDefault(stage, 0L);
        }

        public double rate(String stage) {
            return ratesPerSecond.getOrDefault(stage, 0.0);
        }

        public LatencyRecorder.Summary recent(String hop) {
            return recentLatency.getOrDefault(hop, LatencyRecorder.Summary.EMPTY);
        }

        public LatencyRecorder.Summary total(String hop) {
            return totalLatency.getOrDefault(hop, LatencyRecorder.Summary.EMPTY);
        }
    }

    public StageCounters counters(String stage) {
        return counters.computeIfAbsent(stage, StageCounters::new);
    }

    public LatencyRecorder latency(String hop) {
        return latencies.computeIfAbsent(hop, h -> new LatencyRecorder());
    }

    /** Stage counters by name, in no particular order. */
    public Map<String, StageCounters> allCounters() {
        return Collections.unmodifiableMap(counters);
    }

    /** Folds the last interval into rates and latency windows. Called by one sampler thread. */
    public synchronized Snapshot roll() {
        long now = System.nanoTime();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> perSecond = new LinkedHashMap<>();
        counters.forEach((name, c) -> {
            long count = c.items();
            Rate r = rates.computeIfAbsent(name, n -> {
                Rate fresh = new Rate();
                fresh.lastCount = count;
                return fresh;
            });
            double seconds = (now - r.lastNanos) / 1e9;
            if (seconds > 0) {
                double instant = (count - r.lastCount) / seconds;
                r.perSecond = r.perSecond == 0 ? instant : 0.5 * r.perSecond + 0.5 * instant;
            }
            r.lastCount = count;
            r.lastNanos = now;
            counts.put(name, count);
            perSecond.put(name, r.perSecond);
        });
        Map<String, LatencyRecorder.Summary> recent = new LinkedHashMap<>();
        Map<String, LatencyRecorder.Summary> total = new LinkedHashMap<>();
        latencies.forEach((name, l) -> {
            l.roll();
            recent.put(name, l.window());
            total.put(name, l.total());
        });
        last = new Snapshot(System.currentTimeMillis(), Map.copyOf(counts), Map.copyOf(perSecond), Map.copyOf(recent), Map.copyOf(total));
        return last;
    }

    /** The view as of the last roll. */
    public Snapshot snapshot() {
        return last;
    }
}
