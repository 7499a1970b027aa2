package dev.flowdeck.engine.admin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each consumer group's lag over the session (messages and the oldest unread record's age), with its trend and an
 * estimate of when the group catches up: lag ÷ net consumption rate, the rate being the slope of the lag over a
 * recent window (least squares, so one noisy poll does not swing it). Thread-safe; memory bounded per group.
 */
public final class LagHistory {
    /** The window the trend is measured over unless asked otherwise. */
    public static final Duration TREND_WINDOW = Duration.ofSeconds(60);

    /** One observation. */
    public record Sample(long atMillis, long lagMessages, long lagMs) {
    }

    /**
     * Where a group stands.
     *
     * @param messagesPerSecond the lag's slope: negative while catching up, positive while falling behind
     * @param catchUpIn         empty when caught up, falling behind, or not enough samples yet
     */
    public record Trend(long lagMessages, long lagMs, double messagesPerSecond, Optional<Duration> catchUpIn, int samples) {
        /** e.g. "catching up at 1,200 msg/s, caught up in about 2 min", "caught up", "falling behind by 300 msg/s". */
        public String describe() {
            if (samples < 2) {
                return lagMessages == 0 ? "caught up" : "measuring the trend";
            }
            if (lagMessages == 0) {
                return "caught up";
            }
            long rate = Math.round(Math.abs(messagesPerSecond));
            if (catchUpIn.isPresent()) {
                return "catching up at " + Human.count(rate) + " msg/s, caught up in about " + Human.duration(roundEta(catchUpIn.get()));
            }
            return rate == 0 ? "steady: not catching up" : "falling behind by " + Human.count(rate) + " msg/s";
        }

        private static long roundEta(Duration d) {
            long s = d.toSeconds();
            return (s < 60 ? Math.max(1, s) : s < 3_600 ? s / 60 * 60 : s / 600 * 600) * 1000L;
        }
    }

    private final int capacity;
    private final Map<String, Deque<Sample>> byGroup = new HashMap<>();

    /** @param capacity samples kept per group, e.g. an hour at one every 2 s is 1,800 */
    public LagHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("keep at least 2 samples per group");
        }
        this.capacity = capacity;
    }

    /** Records one poll of the group list; groups with an unknown lag are skipped. */
    public void record(List<GroupSummary> groups, long atMillis) {
        for (GroupSummary g : groups) {
            if (g.lagMessages() >= 0) {
                record(g.groupId(), atMillis, g.lagMessages(), Math.max(0, g.maxLagMs()));
            }
        }
    }

    public synchronized void record(String group, long atMillis, long lagMessages, long lagMs) {
        Deque<Sample> d = byGroup.computeIfAbsent(group, g -> new ArrayDeque<>());
        if (!d.isEmpty() && d.peekLast().atMillis() >= atMillis) {
            return; // a poll that answered late: keep the samples in time order
        }
        d.addLast(new Sample(atMillis, lagMessages, lagMs));
        while (d.size() > capacity) {
            d.removeFirst();
        }
    }

    /** The group's samples, oldest first. */
    public synchronized List<Sample> samples(String group) {
        Deque<Sample> d = byGroup.get(group);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    public Trend trend(String group) {
        return trend(group, TREND_WINDOW);
    }

    public Trend trend(String group, Duration window) {
        List<Sample> all = samples(group);
        if (all.isEmpty()) {
            return new Trend(-1, -1, 0, Optional.empty(), 0);
        }
        Sample last = all.get(all.size() - 1);
        List<Sample> recent = all.stream().filter(s -> s.atMillis() >= last.atMillis() - window.toMillis()).toList();
        if (recent.size() < 2) {
            return new Trend(last.lagMessages(), last.lagMs(), 0, Optional.empty(), recent.size());
        }
        double slope = slopePerSecond(recent);
        Optional<Duration> eta = slope < 0 && last.lagMessages() > 0
                ? Optional.of(Duration.ofMillis(Math.round(last.lagMessages() / -slope * 1000)))
                : Optional.empty();
        return new Trend(last.lagMessages(), last.lagMs(), slope, eta, recent.size());
    }

    /** Least-squares slope of lag against time, in messages per second. */
    private static double slopePerSecond(List<Sample> samples) {
        double t0 = samples.get(0).atMillis();
        double n = samples.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Sample s : samples) {
            double x = (s.atMillis() - t0) / 1000.0;
            double y = s.lagMessages();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    /** Forgets groups that no longer exist. */
    public synchronized void retain(java.util.Collection<String> groups) {
        byGroup.keySet().retainAll(groups);
    }
}
