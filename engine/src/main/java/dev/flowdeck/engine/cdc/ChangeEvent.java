package dev.flowdeck.engine.cdc;

import java.math.BigDecimal;

/**
 * One captured row of {@code livedb}, keyed by its id. {@code op} is {@code c} for a live insert and {@code r} for a
 * replayed one. Both times are epoch microseconds: the insert time the writer gave the row, and the moment the
 * poller captured it; with the consumer's clock they give the time spent at every hop.
 */
public record ChangeEvent(long id, String op, String org, BigDecimal amount, String region, long createdAtMicros,
                          long capturedAtMicros) {
    public static final String CREATE = "c";
    public static final String REPLAY = "r";

    public boolean isReplay() {
        return REPLAY.equals(op);
    }
}
