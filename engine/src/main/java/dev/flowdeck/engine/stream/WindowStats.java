package dev.flowdeck.engine.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * What one window holds for one key: event count and amounts in exact cents (sum, min, max). Kept in the window
 * stores and changelogs in a fixed 32-byte form, because it is read and written for every event.
 */
public record WindowStats(long count, long sumCents, long minCents, long maxCents) {
    public static final WindowStats EMPTY = new WindowStats(0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
    private static final int BYTES = 4 * Long.BYTES;

    public WindowStats add(long cents) {
        return new WindowStats(count + 1, Math.addExact(sumCents, cents), Math.min(minCents, cents), Math.max(maxCents, cents));
    }

    /** An amount in exact cents; the database column is DECIMAL(12, 2), so no precision is lost. */
    public static long cents(BigDecimal amount) {
        return amount == null ? 0 : amount.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    public static BigDecimal amount(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    public static Serde<WindowStats> serde() {
        Serializer<WindowStats> write = (topic, s) -> s == null ? null
                : ByteBuffer.allocate(BYTES).putLong(s.count).putLong(s.sumCents).putLong(s.minCents).putLong(s.maxCents).array();
        Deserializer<WindowStats> read = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != BYTES) {
                throw new IllegalArgumentException("window stats are " + BYTES + " bytes, got " + bytes.length);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new WindowStats(b.getLong(), b.getLong(), b.getLong(), b.getLong());
        };
        return Serdes.serdeFrom(write, read);
    }
}
