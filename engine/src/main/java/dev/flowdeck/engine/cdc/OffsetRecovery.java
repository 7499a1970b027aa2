package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.HangingTransactions;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.KafkaDeadline;
import dev.flowdeck.engine.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/**
 * Works out, when a CDC session starts, which row ids are really in Kafka. The offset record is the fast answer, but
 * not always the whole one: a broker that stops during a commit can leave a transaction hanging on one partition
 * while its coordinator committed it on the others (see {@link HangingTransactions}). So the events are the ground
 * truth:
 * <ol>
 *   <li>hanging transactions of this connector are aborted (after noting which ids they held on event partitions);</li>
 *   <li>the last readable offset record is loaded;</li>
 *   <li>events of this connector committed from the record's positions on are added to the published ids;</li>
 *   <li>ids whose only copy the abort took away are taken out again, so they are published anew.</li>
 * </ol>
 */
public final class OffsetRecovery {
    public static final String CONNECTOR_HEADER = "flowdeck.connector";
    private static final Logger log = LoggerFactory.getLogger(OffsetRecovery.class);

    private OffsetRecovery() {
    }

    static OffsetState recover(KafkaSettings kafka, String connector, String transactionalId, String topic, KafkaDeadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        return recover(kafka, connector, transactionalId, List.of(topic), OffsetStore.PARTITION, OffsetRecovery::validId, deadline);
    }

    /**
     * The same for a connector publishing to several topics and keeping its state on {@code offsets}; {@code idOf}
     * gives the id an event accounts for (-1: none, e.g. a snapshot row). Every wait on Kafka ends on {@code deadline}:
     * its limit (a {@link TimeoutException} naming Kafka) or its stage's stop (a {@link java.util.concurrent.CancellationException}).
     */
    public static OffsetState recover(KafkaSettings kafka, String connector, String transactionalId, List<String> topics,
                                      TopicPartition offsets, ToLongFunction<ConsumerRecord<String, byte[]>> idOf,
                                      KafkaDeadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-cdc-recovery");
        try {
            List<TopicPartition> eventPartitions = eventPartitions(admin, topics, deadline);
            List<TopicPartition> all = new ArrayList<>(eventPartitions);
            all.add(offsets);

            List<HangingTransactions.Hanging> hanging = HangingTransactions.find(admin, transactionalId, all);
            IdRanges heldByHanging = new IdRanges();
            Map<TopicPartition, Long> hangingEnd = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            if (!hanging.isEmpty()) {
                Map<TopicPartition, Long> high = HangingTransactions.endOffsets(admin, all, IsolationLevel.READ_UNCOMMITTED, deadline);
                for (HangingTransactions.Hanging h : hanging) {
                    if (!h.partition().equals(offsets)) {
                        hangingEnd.put(h.partition(), high.get(h.partition()));
                        scan(kafka, connector, h.partition(), h.startOffset(), high.get(h.partition()), IsolationLevel.READ_UNCOMMITTED,
                                idOf, heldByHanging::add, deadline);
                    }
                }
                HangingTransactions.abort(admin, hanging);
            }

            OffsetState loaded = OffsetStore.load(kafka, offsets, connector, deadline);
            long watermark = loaded.watermark();
            IdRanges published = loaded.published().copy();
            Map<TopicPartition, Long> stable = HangingTransactions.endOffsets(admin, eventPartitions, IsolationLevel.READ_COMMITTED, deadline);
            long[] foundLater = {0};
            long mark = watermark;
            for (int i = 0; i < eventPartitions.size(); i++) {
                TopicPartition tp = eventPartitions.get(i);
                long from = loaded.positions().getOrDefault(i, 0L);
                scan(kafka, connector, tp, from, stable.get(tp), IsolationLevel.READ_COMMITTED, idOf, id -> {
                    if (id > mark && !published.contains(id)) {
                        published.add(id);
                        foundLater[0]++;
                    }
                }, deadline);
            }
            if (foundLater[0] > 0) {
                log.warn("CDC {}: {} events were committed after the last readable offset record; counted as published",
                        connector, foundLater[0]);
            }

            IdRanges survived = new IdRanges();
            for (Map.Entry<TopicPartition, Long> e : hangingEnd.entrySet()) {
                long start = hanging.stream().filter(h -> h.partition().equals(e.getKey())).mapToLong(HangingTransactions.Hanging::startOffset)
                        .min().orElseThrow();
                scan(kafka, connector, e.getKey(), start, e.getValue(), IsolationLevel.READ_COMMITTED, idOf, survived::add, deadline);
            }
            long[] lost = {0};
            long[] newWatermark = {watermark};
            heldByHanging.forEach(id -> {
                if (!survived.contains(id)) {
                    lost[0]++;
                    newWatermark[0] = Math.min(newWatermark[0], id - 1);
                }
            });
            if (lost[0] > 0) {
                published.addRange(newWatermark[0] + 1, watermark);
                heldByHanging.forEach(id -> {
                    if (!survived.contains(id)) {
                        published.remove(id);
                    }
                });
                watermark = newWatermark[0];
                log.warn("CDC {}: {} events were only in aborted hanging transactions; they will be published again", connector, lost[0]);
            }
            Map<Integer, Long> positions = new TreeMap<>();
            for (int i = 0; i < eventPartitions.size(); i++) {
                positions.put(i, stable.get(eventPartitions.get(i)));
            }
            return new OffsetState(watermark, published, loaded.eventsPublished(), positions);
        } finally {
            admin.close(Duration.ZERO); // a plain close waits for calls queued for an unreachable Kafka to time out
        }
    }

    /**
     * The row id of a record that carries this connector's header, or -1 when it is not a change event the poller
     * could have written (the key is not a number, or the value is not a change event for that id). Anyone may
     * produce to the topic: such a record must neither stop recovery on every start nor hide a real row.
     */
    static long validId(ConsumerRecord<String, byte[]> r) {
        try {
            long id = Long.parseLong(r.key());
            if (r.value() != null && ChangeEventJson.read(r.value()).id() == id) {
                return id;
            }
        } catch (RuntimeException e) {
            // falls through: not one of ours
        }
        log.warn("CDC recovery: ignoring a record on {} partition {} offset {} that carries the {} header but is not a "
                + "change event with its key's id (written by another producer?)", r.topic(), r.partition(), r.offset(), CONNECTOR_HEADER);
        return -1;
    }

    /**
     * The event partitions in the order an {@link OffsetState}'s positions are keyed by: topic after topic, partitions
     * in number order. For one topic the key is the partition number.
     */
    public static List<TopicPartition> eventPartitions(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        return eventPartitions(admin, topics, null);
    }

    private static List<TopicPartition> eventPartitions(Admin admin, List<String> topics, KafkaDeadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (deadline != null) {
            deadline.await(admin.describeTopics(topics).allTopicNames(), "describing " + topics); // answers or ends on the deadline
        }
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> tps = new ArrayList<>(Topics.partitionsOf(Topics.describe(admin, topic, Duration.ofSeconds(30))
                    .orElseThrow(() -> new IllegalStateException("topic " + topic + " disappeared"))));
            tps.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            out.addAll(tps);
        }
        return out;
    }

    /** The id {@code idOf} finds, or -1 when it cannot read the record: a foreign record must not stop recovery. */
    private static long idOfOrNone(ToLongFunction<ConsumerRecord<String, byte[]>> idOf, ConsumerRecord<String, byte[]> r) {
        try {
            return idOf.applyAsLong(r);
        } catch (RuntimeException e) {
            log.warn("CDC recovery: ignoring an unreadable record on {} partition {} offset {}: {}", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            return -1;
        }
    }

    /** Calls {@code action} with the id of each event of {@code connector} in {@code [from, to)} of one partition. */
    private static void scan(KafkaSettings kafka, String connector, TopicPartition tp, long from, long to,
                             IsolationLevel isolation, ToLongFunction<ConsumerRecord<String, byte[]>> idOf, LongConsumer action,
                             KafkaDeadline deadline) throws TimeoutException {
        if (from >= to) {
            return;
        }
        Map<String, Object> config = KafkaClients.committedReader(kafka, "flowdeck-cdc-recovery-scan");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a position below the retained log starts at its beginning
        byte[] wanted = connector.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            String what = "reading " + tp + " from offset " + from + " to " + to;
            while (deadline.retry(step -> consumer.position(tp, step), what) < to) {
                deadline.check(what);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= to) {
                        return;
                    }
                    Header h = r.headers().lastHeader(CONNECTOR_HEADER);
                    if (h != null && java.util.Arrays.equals(h.value(), wanted)) {
                        long id = idOfOrNone(idOf, r);
                        if (id >= 0) {
                            action.accept(id);
                        }
                    }
                }
            }
        }
    }
}
