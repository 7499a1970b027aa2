package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a table's change topic (read_committed, from the start) the way a consumer would and checks it: per key,
 * a snapshot read or a create, then updates whose {@code version} rises by exactly one, then at most a delete. Any
 * other sequence is a lost or repeated change. The final state (key -> version) must equal the table.
 */
final class ChangeReplay {
    final Map<String, Long> finalVersions = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    final List<ChangeEnvelope.Read> events = new ArrayList<>();
    int reads;
    int creates;
    int updates;
    int deletes;
    int tombstones;

    static ChangeReplay of(KafkaSettings kafka, String topic) {
        ChangeReplay replay = new ChangeReplay();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(kafka, "test-replay"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    replay.apply(r.key(), r.value());
                }
            }
        }
        return replay;
    }

    private void apply(byte[] key, byte[] value) {
        String k = String.valueOf(new TreeMap<>(ChangeEnvelope.readKey(key)));
        if (value == null) {
            tombstones++;
            if (finalVersions.containsKey(k)) {
                problems.add(k + ": tombstone while the row exists");
            }
            return;
        }
        ChangeEnvelope.Read e = ChangeEnvelope.read(value).orElseThrow(() -> new AssertionError("not an envelope: " + new String(value)));
        events.add(e);
        Long state = finalVersions.get(k);
        switch (e.op()) {
            case READ, CREATE -> {
                if (e.op() == ChangeOp.READ) {
                    reads++;
                } else {
                    creates++;
                }
                if (state != null) {
                    problems.add(k + ": " + e.op() + " while the row exists (v" + state + ")");
                }
                finalVersions.put(k, version(e.after()));
            }
            case UPDATE -> {
                updates++;
                long v = version(e.after());
                if (state == null || v != state + 1) {
                    problems.add(k + ": update to v" + v + " after v" + state);
                }
                if (e.before() == null || version(e.before()) != v - 1) {
                    problems.add(k + ": update without the old row as before: " + e.before());
                }
                finalVersions.put(k, v);
            }
            case DELETE -> {
                deletes++;
                if (state == null) {
                    problems.add(k + ": delete of a row not seen");
                }
                finalVersions.remove(k);
            }
        }
    }

    private static long version(Map<String, Object> row) {
        return ((Number) row.get("version")).longValue();
    }
}
