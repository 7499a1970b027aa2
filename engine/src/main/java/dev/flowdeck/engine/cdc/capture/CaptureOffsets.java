package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The source positions of one capture, kept in a compacted Kafka topic and written in the SAME Kafka transaction as
 * the events they follow. Debezium hands its offsets to {@link TransactionalOffsetBackingStore#set}, which lands in
 * {@link #write} while the capture's transaction is open; {@link #committed} (what Debezium reads back, and what the
 * PostgreSQL connector confirms to the replication slot) holds only positions whose transaction has committed. So the
 * slot never advances past what Kafka holds, and a restart, also after kill -9, resumes exactly after the last
 * committed event.
 */
final class CaptureOffsets {
    /** Debezium creates its offset store by class name; it finds its capture here by the key in its settings. */
    private static final Map<String, CaptureOffsets> REGISTRY = new ConcurrentHashMap<>();

    private final String registryKey;
    private final String topic;
    private final Map<ByteBuffer, ByteBuffer> committed = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, ByteBuffer> pending = new LinkedHashMap<>();
    private volatile Producer<byte[], byte[]> transaction;

    CaptureOffsets(String registryKey, String topic) {
        this.registryKey = registryKey;
        this.topic = topic;
    }

    static CaptureOffsets lookUp(String registryKey) {
        CaptureOffsets offsets = REGISTRY.get(registryKey);
        if (offsets == null) {
            throw new IllegalStateException("no capture registered under " + registryKey);
        }
        return offsets;
    }

    String registryKey() {
        return registryKey;
    }

    void register() {
        REGISTRY.put(registryKey, this);
    }

    void unregister() {
        REGISTRY.remove(registryKey, this);
    }

    /** Reads the offsets topic to its end, committed records only (the last value per key wins; null removes). */
    void load(KafkaSettings kafka, Duration timeout) {
        committed.clear();
        Map<String, Object> config = KafkaClients.committedReader(kafka, "flowdeck-capture-offsets-reader");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> parts = infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CaptureException(CaptureException.Reason.BROKER_UNREACHABLE, "could not read the capture's"
                            + " positions from topic " + topic + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        committed.remove(ByteBuffer.wrap(r.key()));
                    } else {
                        committed.put(ByteBuffer.wrap(r.key()), ByteBuffer.wrap(r.value()));
                    }
                }
            }
        }
    }

    /** Offsets of the Debezium engine named {@code engineName} (its keys start with {@code ["<name>",}). */
    Map<ByteBuffer, ByteBuffer> committedOf(String engineName) {
        String prefix = "[\"" + engineName + "\",";
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        committed.forEach((k, v) -> {
            if (text(k).startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Sends tombstones for these keys in the open transaction and forgets them: the next run starts afresh. */
    void forget(Iterable<ByteBuffer> keys) {
        Producer<byte[], byte[]> p = requireTransaction();
        for (ByteBuffer k : keys) {
            p.send(new ProducerRecord<>(topic, bytes(k), null));
            pending.put(k, null);
        }
    }

    /** From now until {@link #transactionCommitted} or {@link #transactionAborted}, offsets go into {@code producer}'s open transaction. */
    void transactionBegun(Producer<byte[], byte[]> producer) {
        transaction = producer;
    }

    /** Called by the offset store on the engine's batch thread. */
    void write(Map<ByteBuffer, ByteBuffer> values) {
        Producer<byte[], byte[]> p = transaction;
        if (p == null) {
            // Debezium flushes offsets once more while it stops, outside any batch: everything they cover was already
            // committed with its batch, so they are dropped rather than written without a transaction.
            return;
        }
        for (Map.Entry<ByteBuffer, ByteBuffer> e : values.entrySet()) {
            p.send(new ProducerRecord<>(topic, bytes(e.getKey()), e.getValue() == null ? null : bytes(e.getValue())));
            pending.put(e.getKey(), e.getValue());
        }
    }

    void transactionCommitted() {
        pending.forEach((k, v) -> {
            if (v == null) {
                committed.remove(k);
            } else {
                committed.put(k, v);
            }
        });
        pending.clear();
        transaction = null;
    }

    void transactionAborted() {
        pending.clear();
        transaction = null;
    }

    /** What Debezium reads back: committed positions only. */
    Map<ByteBuffer, ByteBuffer> get(Iterable<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        for (ByteBuffer k : keys) {
            ByteBuffer v = committed.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    Map<ByteBuffer, ByteBuffer> allCommitted() {
        return Map.copyOf(committed);
    }

    private Producer<byte[], byte[]> requireTransaction() {
        Producer<byte[], byte[]> p = transaction;
        if (p == null) {
            throw new IllegalStateException("no open transaction");
        }
        return p;
    }

    static String text(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
