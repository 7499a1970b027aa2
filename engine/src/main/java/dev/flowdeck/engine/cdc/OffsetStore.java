package dev.flowdeck.engine.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.HangingTransactions;
import dev.flowdeck.engine.kafka.KafkaDeadline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Where the poller's {@link OffsetState} lives. The authority is a compacted Kafka topic written in the same
 * transaction as the events, so an offset can never disagree with what was published. A copy goes to the
 * {@code cdc_offsets} table after each commit, for people and SQL to look at.
 */
public final class OffsetStore {
    public static final String TOPIC = "flowdeck_cdc_offsets";
    public static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    public static final Map<String, String> TOPIC_CONFIG = Map.of(
            "cleanup.policy", "compact",
            "segment.ms", "600000",
            "min.cleanable.dirty.ratio", "0.1");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a start-up read of an offsets topic may wait on Kafka. */
    public static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private OffsetStore() {
    }

    public static ProducerRecord<String, byte[]> record(String connector, OffsetState state) {
        return record(TOPIC, connector, state);
    }

    /** The state as a record of {@code topic} (the captures of user tables keep theirs in their own offsets topic). */
    public static ProducerRecord<String, byte[]> record(String topic, String connector, OffsetState state) {
        return record(topic, connector, state, null);
    }

    /**
     * The livedb poller's record: the state plus who wrote it, so that a reset (a new database publishing to the
     * same event topic) and a second instance (another owner of the same connector) can be told and named.
     */
    public static ProducerRecord<String, byte[]> record(String connector, OffsetState state, Origin origin) {
        return record(TOPIC, connector, state, origin);
    }

    /**
     * Who wrote an offset record: the event topic, the source database (for people), the Flowdeck instance, a tag of its
     * producer (not the transactional id itself, which stays secret) and when (epoch ms; 0: unknown).
     */
    public record Origin(String eventTopic, String database, String owner, String producer, long writtenAtMillis) {
        static Origin of(byte[] value) {
            try {
                JsonNode node = JSON.readTree(value);
                long at = 0;
                try {
                    at = OffsetDateTime.parse(node.path("updated_at").asText()).toInstant().toEpochMilli();
                } catch (RuntimeException unknown) {
                    // an older record: when it was written is unknown
                }
                return new Origin(node.path("event_topic").asText(""), node.path("database").asText(""),
                        node.path("owner").asText(""), node.path("producer").asText(""), at);
            } catch (IOException e) {
                return new Origin("", "", "", "", 0);
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String connector, OffsetState state, Origin origin) {
        ObjectNode node = JSON.createObjectNode();
        if (origin != null) {
            node.put("event_topic", origin.eventTopic());
            node.put("database", origin.database());
            node.put("owner", origin.owner());
            node.put("producer", origin.producer());
        }
        node.put("watermark", state.watermark());
        node.put("published", state.published().format());
        node.put("events_published", state.eventsPublished());
        ObjectNode positions = node.putObject("positions");
        state.positions().forEach((partition, offset) -> positions.put(Integer.toString(partition), offset));
        node.put("updated_at", OffsetDateTime.now(ZoneOffset.UTC).toString());
        try {
            return new ProducerRecord<>(topic, connector, JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OffsetState parse(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            Map<Integer, Long> positions = new java.util.TreeMap<>();
            node.path("positions").fields().forEachRemaining(e -> positions.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
            return new OffsetState(node.get("watermark").asLong(), IdRanges.parse(node.get("published").asText()),
                    node.path("events_published").asLong(), positions);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the CDC offset record is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the last committed state of {@code connector} (read_committed, so an aborted transaction's offset is
     * never seen). Call after the producer's {@code initTransactions()} and after hanging transactions are aborted
     * ({@link OffsetRecovery}); it waits until nothing on the offset partition is unresolved, since a record behind
     * an unresolved transaction is not yet readable.
     */
    public static OffsetState load(KafkaSettings kafka, String connector) throws InterruptedException, ExecutionException, TimeoutException {
        return load(kafka, PARTITION, connector, KafkaDeadline.of(kafka, READ_LIMIT));
    }

    /** {@link #load(KafkaSettings, String)} from another offsets partition, ending on {@code deadline}'s limit or stop. */
    public static OffsetState load(KafkaSettings kafka, TopicPartition partition, String connector, KafkaDeadline deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        byte[] value = loadLatest(kafka, partition, java.util.Set.of(connector), deadline).get(connector);
        return value == null ? OffsetState.START : parse(value);
    }

    /**
     * The last committed value of each of {@code keys} on an offsets partition (read_committed; keys never written are
     * absent), read within {@link #READ_LIMIT}. Waits first until nothing on the partition is unresolved.
     */
    public static Map<String, byte[]> loadLatest(KafkaSettings kafka, TopicPartition tp, java.util.Set<String> keys)
            throws InterruptedException, ExecutionException, TimeoutException {
        return loadLatest(kafka, tp, keys, KafkaDeadline.of(kafka, READ_LIMIT));
    }

    /** {@link #loadLatest(KafkaSettings, TopicPartition, java.util.Set)} that ends on {@code deadline}'s limit or stop. */
    public static Map<String, byte[]> loadLatest(KafkaSettings kafka, TopicPartition tp, java.util.Set<String> keys,
                                                 KafkaDeadline deadline) throws InterruptedException, ExecutionException, TimeoutException {
        Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-cdc-offset-check");
        try {
            HangingTransactions.awaitResolved(admin, tp, deadline);
        } finally {
            admin.close(Duration.ZERO); // a plain close waits for calls queued for an unreachable Kafka to time out
        }
        return read(kafka, tp, keys::contains, deadline);
    }

    /** The last committed record of every key on the poller's offsets partition (read_committed), read within {@code limit}. */
    public static Map<String, byte[]> loadAll(KafkaSettings kafka, Duration limit) throws TimeoutException {
        return read(kafka, PARTITION, key -> true, KafkaDeadline.of(kafka, limit));
    }

    /** The last committed value of each key {@code wanted} accepts on {@code tp}; the one read loop of offsets. */
    private static Map<String, byte[]> read(KafkaSettings kafka, TopicPartition tp, java.util.function.Predicate<String> wanted,
                                            KafkaDeadline deadline) throws TimeoutException {
        Map<String, byte[]> latest = new java.util.HashMap<>();
        String what = "reading " + tp;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.committedReader(kafka, "flowdeck-cdc-offset-reader"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = List.of(tp);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long end = deadline.retry(step -> consumer.endOffsets(tps, step).get(tp), what);
            while (deadline.retry(step -> consumer.position(tp, step), what) < end) {
                deadline.check(what);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && wanted.test(r.key())) {
                        if (r.value() == null) {
                            latest.remove(r.key());
                        } else {
                            latest.put(r.key(), r.value());
                        }
                    }
                }
            }
        }
        return latest;
    }

    /** Who wrote {@code value} (empty fields for records written before Flowdeck kept it). */
    public static Origin origin(byte[] value) {
        return Origin.of(value);
    }

    /** Copies the state to the {@code cdc_offsets} table (informational; Kafka holds the authority). */
    public static void mirror(Database db, Connection c, String connector, OffsetState state) throws SQLException {
        try (Database.Writing serial = db.writing(); PreparedStatement ps = c.prepareStatement(db.dialect().upsertOffset())) {
            ps.setString(1, connector);
            ps.setLong(2, state.watermark());
            ps.setString(3, state.published().format());
            ps.setLong(4, state.eventsPublished());
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }
}
