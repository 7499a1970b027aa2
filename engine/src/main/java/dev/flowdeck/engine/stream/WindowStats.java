package dev.flowdeck.engine.stream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * What one window holds for one key: event count, amounts in exact cents (sum, min, max) and the newest event time.
 * Kept in a state store in a fixed 40-byte form, because it is read and written for every event.
 */
public record WindowStats(long count, long sumCents, long minCents, long maxCents, long lastEventMs) {
    public static final WindowStats EMPTY = new WindowStats(0, 0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
    static final int BYTES = 5 * Long.BYTES;

    public WindowStats add(long cents, long eventMs) {
        return new WindowStats(count + 1, Math.addExact(sumCents, cents), Math.min(minCents, cents), Math.max(maxCents, cents),
                Math.max(lastEventMs, eventMs));
    }

    /** An amount in exact cents; the database column is DECIMAL(12, 2), so no precision is lost. */
    public static long cents(BigDecimal amount) {
        return amount == null ? 0 : amount.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    public static BigDecimal amount(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    void writeTo(ByteBuffer b) {
        b.putLong(count).putLong(sumCents).putLong(minCents).putLong(maxCents).putLong(lastEventMs);
    }

    static WindowStats readFrom(ByteBuffer b) {
        return new WindowStats(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
}
