package dev.flowdeck.engine.stream;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * One tumbling window's aggregate for one region or organisation: a record of the aggregates topic and a row of
 * the aggregates table, keyed by (window start, window size, dimension, key). It is emitted again each time the
 * window changes; every emission carries the window's full totals, so writing it twice changes nothing.
 *
 * <pre>{"dimension":"region","key":"eu-west","window_start":"2026-11-21T10:00:05Z","window_start_ms":1795..,
 * "window_ms":5000,"count":714,"sum":35123.40,"avg":49.192437,"min":4.13,"max":650.43,"events_per_s":142.8}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowAggregate(String dimension, String key, String windowStart, long windowStartMs, long windowMs,
                              long count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max,
                              double eventsPerS) {
    public static final String REGION = "region";
    public static final String ORG = "org";

    public static WindowAggregate of(String dimension, String key, long windowStartMs, long windowMs, WindowStats s) {
        BigDecimal sum = WindowStats.amount(s.sumCents());
        BigDecimal avg = s.count() == 0 ? BigDecimal.ZERO
                : sum.divide(BigDecimal.valueOf(s.count()), 6, RoundingMode.HALF_EVEN);
        return new WindowAggregate(dimension, key, Instant.ofEpochMilli(windowStartMs).toString(), windowStartMs, windowMs,
                s.count(), sum, avg, s.count() == 0 ? null : WindowStats.amount(s.minCents()),
                s.count() == 0 ? null : WindowStats.amount(s.maxCents()), s.count() * 1000.0 / windowMs);
    }

    public long windowEndMs() {
        return windowStartMs + windowMs;
    }

    /** The record key in the aggregates topic: one per (dimension, key, window); the topic is compacted on it. */
    public String recordKey() {
        return dimension + "/" + key + "/" + windowStartMs + "/" + windowMs;
    }
}
