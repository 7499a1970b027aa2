package dev.flowdeck.engine.admin;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages per second per topic from the change of the sum of its end offsets between two observations, with a
 * short history for sparklines. An end offset that goes down (the topic was deleted and recreated) restarts the
 * topic's history.
 */
public final class TopicRates {
    private final int historyLength;
    private final Map<String, Track> tracks = new HashMap<>();

    private static final class Track {
        long lastEnd = -1;
        long lastMillis;
        double rate = Double.NaN;
        final ArrayDeque<Double> history = new ArrayDeque<>();
    }

    public TopicRates(int historyLength) {
        this.historyLength = historyLength;
    }

    /** Records the end-offset sum of {@code topic} at {@code millis}; returns the rate since the last observation. */
    public synchronized double observe(String topic, long endOffsetSum, long millis) {
        Track t = tracks.computeIfAbsent(topic, k -> new Track());
        if (t.lastEnd >= 0 && endOffsetSum >= t.lastEnd && millis > t.lastMillis) {
            t.rate = (endOffsetSum - t.lastEnd) * 1000.0 / (millis - t.lastMillis);
            t.history.addLast(t.rate);
            while (t.history.size() > historyLength) {
                t.history.removeFirst();
            }
        } else if (t.lastEnd >= 0 && endOffsetSum < t.lastEnd) {
            t.rate = Double.NaN;
            t.history.clear();
        }
        t.lastEnd = endOffsetSum;
        t.lastMillis = millis;
        return t.rate;
    }

    public synchronized double rate(String topic) {
        Track t = tracks.get(topic);
        return t == null ? Double.NaN : t.rate;
    }

    public synchronized double[] history(String topic) {
        Track t = tracks.get(topic);
        return t == null ? new double[0] : t.history.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Forgets topics that no longer exist. */
    public synchronized void retainOnly(Collection<String> topics) {
        tracks.keySet().retainAll(topics);
    }
}
