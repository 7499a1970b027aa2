package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the row's insert time ({@code created_at}), not the time Kafka received the event: windows then hold
 * the same rows as a {@code GROUP BY} on {@code created_at} in the database, however late the CDC published them.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ChangeEvent e && e.createdAtMicros() > 0) {
            return Math.floorDiv(e.createdAtMicros(), 1000L);
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
