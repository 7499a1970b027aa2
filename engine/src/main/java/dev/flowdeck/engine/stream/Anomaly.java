package dev.flowdeck.engine.stream;

import java.time.Instant;
import java.util.Locale;

/**
 * A region's event rate in one window far from its rolling mean, as written to the anomalies topic: the rate, the
 * rolling mean and standard deviation it was judged against, and the z-score.
 *
 * <pre>{"region":"eu-west","key":"eu-west/1795..","message":"...","direction":"spike","rate":512.4,"mean":142.9,
 * "stddev":5.3,"z":69.7,"time":"2026-11-21T10:00:05Z","time_ms":1795..,"window_ms":5000,"detected_at_ms":1795..}</pre>
 */
public record Anomaly(String region, String key, String message, String direction, double rate, double mean, double stddev,
                      double z, String time, long timeMs, long windowMs, long detectedAtMs) implements Signal {
    public static final String SPIKE = "spike";
    public static final String DROP = "drop";

    public static Anomaly of(String region, long windowStartMs, long windowMs, double rate, double mean, double stddev,
                             double z, long nowMs) {
        String direction = z >= 0 ? SPIKE : DROP;
        return new Anomaly(region, region + "/" + windowStartMs,
                String.format(Locale.ROOT, "%s: %.1f events/s in the window from %s, rolling mean %.1f ± %.1f (z = %.1f, %s)",
                        region, rate, Instant.ofEpochMilli(windowStartMs), mean, stddev, z, direction),
                direction, rate, mean, stddev, z, Instant.ofEpochMilli(windowStartMs).toString(), windowStartMs, windowMs, nowMs);
    }
}
