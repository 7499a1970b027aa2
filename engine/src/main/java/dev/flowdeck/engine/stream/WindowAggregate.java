package dev.flowdeck.engine.stream;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * One tumbling window's totals for one region or organisation. In the aggregates topic each record is a
 * <em>part</em>: the totals of the events of one source partition ({@code part}); the window's totals are the sum
 * of its parts, which the storage sink computes in the database ({@code part} is then absent). Every record carries
 * its part's full totals, so writing it twice changes nothing.
 *
 * <pre>{"dimension":"region","key":"eu-west","part":2,"window_start":"2026-11-21T10:00:05Z","window_start_ms":1795..,
 * "window_ms":5000,"count":238,"sum":11707.80,"avg":49.192437,"min":4.13,"max":650.43,"events_per_s":47.6,
 * "last_event_ms":1795..}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowAggregate(String dimension, String key, Integer part, String windowStart, long windowStartMs, long windowMs,
                              long count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max,
                              double eventsPerS, long lastEventMs) {
    public static final String REGION = "region";
    public static final String ORG = "org";

    public static WindowAggregate of(String dimension, String key, Integer part, long windowStartMs, long windowMs, WindowStats s) {
        BigDecimal sum = WindowStats.amount(s.sumCents());
        return new WindowAggregate(dimension, key, part, Instant.ofEpochMilli(windowStartMs).toString(), windowStartMs, windowMs,
                s.count(), sum, average(sum, s.count()), s.count() == 0 ? null : WindowStats.amount(s.minCents()),
                s.count() == 0 ? null : WindowStats.amount(s.maxCents()), s.count() * 1000.0 / windowMs, s.lastEventMs());
    }

    static BigDecimal average(BigDecimal sum, long count) {
        return count == 0 ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_EVEN);
    }

    public long windowEndMs() {
        return windowStartMs + windowMs;
    }

    /** The record key in the aggregates topic: one per (dimension, key, window, part); the topic is compacted on it. */
    public String recordKey() {
        return dimension + "/" + key + "/" + windowStartMs + "/" + windowMs + (part == null ? "" : "/" + part);
    }
}
