package dev.flowdeck.engine.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flowdeck.engine.cdc.ChangeEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * A broken rule, as written to the alerts topic: the rule, the value that broke it, the threshold, the event time
 * it is about ({@code time}) and when the processor raised it.
 *
 * <pre>{"rule":"amount_above","key":"amount_above/42","message":"amount 38473.66 above 10000.00 ...","value":38473.66,
 * "threshold":10000.00,"time":"2026-11-21T10:00:01.123Z","time_ms":1795..,"region":"eu-west","org":"Acme","event_id":42,
 * "detected_at_ms":1795..}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String rule, String key, String message, BigDecimal value, BigDecimal threshold, String time,
                    long timeMs, String region, String org, Long eventId, Long windowStartMs, Long windowMs,
                    long detectedAtMs) implements Signal {
    /** An event's amount is strictly above the threshold. One alert per event. */
    public static final String AMOUNT_ABOVE = "amount_above";
    /** A region had events in one window and none in the next. One alert per region and empty window. */
    public static final String RATE_ZERO = "rate_zero";

    public static Alert amountAbove(ChangeEvent e, BigDecimal threshold, long eventTimeMs, long nowMs) {
        return new Alert(AMOUNT_ABOVE, AMOUNT_ABOVE + "/" + e.id(),
                "amount " + e.amount().toPlainString() + " above " + threshold.toPlainString() + " (event " + e.id()
                        + ", " + e.org() + ", " + e.region() + ")",
                e.amount(), threshold, Instant.ofEpochMilli(eventTimeMs).toString(), eventTimeMs, e.region(), e.org(),
                e.id(), null, null, nowMs);
    }

    public static Alert rateZero(String region, long windowStartMs, long windowMs, long previousCount, long nowMs) {
        double previousRate = previousCount * 1000.0 / windowMs;
        return new Alert(RATE_ZERO, RATE_ZERO + "/" + region + "/" + windowStartMs,
                String.format(Locale.ROOT, "%s: no events in the window from %s (%.1f events/s in the window before)",
                        region, Instant.ofEpochMilli(windowStartMs), previousRate),
                BigDecimal.ZERO, BigDecimal.ZERO, Instant.ofEpochMilli(windowStartMs).toString(), windowStartMs, region,
                null, null, windowStartMs, windowMs, nowMs);
    }
}
