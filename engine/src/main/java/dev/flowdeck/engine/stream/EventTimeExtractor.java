package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Duration;

/**
 * Event time is the row's insert time ({@code created_at}), not the time Kafka received the event: windows then hold
 * the same rows as a {@code GROUP BY} on {@code created_at} in the database, however late the CDC published them.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    /**
     * An event time further ahead of both the time it was published and this machine's clock is a bad row, not a
     * clock difference between hosts.
     */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ChangeEvent e && e.createdAtMicros() > 0) {
            long eventMs = Math.floorDiv(e.createdAtMicros(), 1000L);
            if (eventMs - Math.max(record.timestamp(), System.currentTimeMillis()) <= MAX_AHEAD.toMillis()) {
                return eventMs;
            }
            // a row dated far in the future (e.g. 2099) must not move the partition's stream time there: every
            // later event would then be "late". It keeps the time it was published at; the aggregator, seeing a
            // record time that is not the event's, skips it and counts it.
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
