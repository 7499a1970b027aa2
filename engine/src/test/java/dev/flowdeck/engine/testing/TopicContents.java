package dev.flowdeck.engine.testing;

import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.ChangeEventJson;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything committed to a change-event topic, read with read_committed: how often each row id appears. */
public final class TopicContents {
    private TopicContents() {
    }

    public static Map<Long, Integer> countsById(KafkaSettings kafka, String topic) {
        Map<Long, Integer> counts = new TreeMap<>();
        forEachEvent(kafka, topic, (r, e) -> counts.merge(e.id(), 1, Integer::sum));
        return counts;
    }

    /** How many events of each operation ({@code c}, {@code r}, ...) the topic holds. */
    public static Map<String, Integer> countsByOp(KafkaSettings kafka, String topic) {
        Map<String, Integer> counts = new TreeMap<>();
        forEachEvent(kafka, topic, (r, e) -> counts.merge(e.op(), 1, Integer::sum));
        return counts;
    }

    /** Where each copy of the given ids sits: "partition@offset captured_at_us", for failure messages. */
    public static Map<Long, List<String>> whereAre(KafkaSettings kafka, String topic, java.util.Collection<Long> ids) {
        Map<Long, List<String>> where = new TreeMap<>();
        java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
        forEachEvent(kafka, topic, (r, e) -> {
            if (wanted.contains(e.id())) {
                where.computeIfAbsent(e.id(), k -> new java.util.ArrayList<>())
                        .add(r.partition() + "@" + r.offset() + " captured " + e.capturedAtMicros());
            }
        });
        return where;
    }

    private static void forEachEvent(KafkaSettings kafka, String topic,
                                      java.util.function.BiConsumer<ConsumerRecord<String, byte[]>, ChangeEvent> action) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.committedReader(kafka, "test-reader"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ChangeEvent e = ChangeEventJson.read(r.value());
                    if (!e.isReplay()) {
                        action.accept(r, e);
                    }
                }
            }
        }
    }
}
