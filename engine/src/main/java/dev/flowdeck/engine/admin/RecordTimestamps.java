package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The timestamp of the first readable record at or after an offset, per partition: how time lag is measured (the
 * age of a group's next unread record). Reads with a consumer that joins no group.
 */
final class RecordTimestamps {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final KafkaSettings kafka;
    private final IsolationLevel isolation;
    private volatile String lastProblem;

    RecordTimestamps(KafkaSettings kafka, IsolationLevel isolation) {
        this.kafka = kafka;
        this.isolation = isolation;
    }

    /** Why the last lookup could not read some partition, or null. */
    String lastProblem() {
        return lastProblem;
    }

    /**
     * @return the timestamp per partition; a partition is missing if no readable record lies between the offset and
     * the end (e.g. only transaction markers), or the deadline passed
     */
    Map<TopicPartition, Long> firstAtOrAfter(Map<TopicPartition, Long> offsets) {
        lastProblem = null;
        if (offsets.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> config = MessageBrowser.readerConfig(kafka, "lag", isolation);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        Map<TopicPartition, Long> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Duration timeout = Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS);
            consumer.assign(offsets.keySet());
            offsets.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(offsets.keySet(), timeout);
            Set<TopicPartition> done = new HashSet<>();
            long stopAt = System.nanoTime() + DEADLINE.toNanos();
            while (done.size() < offsets.size() && System.nanoTime() < stopAt) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!done.contains(tp) && r.offset() >= offsets.get(tp)) {
                        out.put(tp, r.timestamp());
                        done.add(tp);
                    }
                }
                for (TopicPartition tp : offsets.keySet()) {
                    if (!done.contains(tp) && consumer.position(tp, timeout) >= ends.getOrDefault(tp, 0L)) {
                        done.add(tp); // nothing readable up to the end
                    }
                }
                consumer.pause(done);
            }
            if (done.size() < offsets.size()) {
                lastProblem = "no answer within " + DEADLINE.toSeconds() + " s";
            }
        } catch (KafkaException e) {
            lastProblem = e.getMessage();
        }
        return out;
    }
}
