package dev.flowdeck.engine.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the console shows of the processor's results, kept small and cheap to poll: the newest alerts and anomalies
 * (bounded, newest first) and each region's and organisation's newest window. Filled from the committed output
 * topics (read_committed), so it never shows a result that exactly-once later took back. Every getter returns a
 * copy; {@link #version()} grows with every change, so a poller can skip work when nothing changed.
 */
public final class ProcessorFeed {
    public static final int MAX_ALERTS = 200;
    public static final int MAX_ANOMALIES = 100;

    private final Deque<Alert> alerts = new ArrayDeque<>();
    private final Deque<Anomaly> anomalies = new ArrayDeque<>();
    private final Map<String, WindowAggregate> byRegion = new TreeMap<>();
    private final Map<String, WindowAggregate> byOrg = new TreeMap<>();
    private long version;

    /** The newest alerts, newest first, at most {@link #MAX_ALERTS}. */
    public synchronized List<Alert> recentAlerts() {
        return new ArrayList<>(alerts);
    }

    /** The newest anomalies, newest first, at most {@link #MAX_ANOMALIES}. */
    public synchronized List<Anomaly> recentAnomalies() {
        return new ArrayList<>(anomalies);
    }

    /** Per region, its newest window (which may still be filling: totals so far). Sorted by region. */
    public synchronized Map<String, WindowAggregate> latestByRegion() {
        return new TreeMap<>(byRegion);
    }

    /** Per organisation, its newest window. Sorted by name. */
    public synchronized Map<String, WindowAggregate> latestByOrg() {
        return new TreeMap<>(byOrg);
    }

    public synchronized long version() {
        return version;
    }

    synchronized void add(Alert a) {
        alerts.addFirst(a);
        while (alerts.size() > MAX_ALERTS) {
            alerts.removeLast();
        }
        version++;
    }

    synchronized void add(Anomaly a) {
        anomalies.addFirst(a);
        while (anomalies.size() > MAX_ANOMALIES) {
            anomalies.removeLast();
        }
        version++;
    }

    synchronized void update(WindowAggregate a) {
        Map<String, WindowAggregate> map = WindowAggregate.REGION.equals(a.dimension()) ? byRegion : byOrg;
        WindowAggregate current = map.get(a.key());
        if (current == null || current.windowStartMs() < a.windowStartMs()
                || (current.windowStartMs() == a.windowStartMs() && current.count() <= a.count())) {
            map.put(a.key(), a);
            version++;
        }
    }
}
