package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.admin.schema.RegisteredSchema;
import dev.flowdeck.engine.admin.schema.SchemaException;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.admin.schema.WireFormat;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and writes records of any topic. Its consumers never join a consumer group: they are assigned partitions
 * and seek, so browsing never moves anybody's offsets or triggers a rebalance. Blocking: run off the UI thread.
 */
public final class MessageBrowser {
    private static final Comparator<KafkaMessage> BY_TIME = Comparator.comparingLong(KafkaMessage::timestamp)
            .thenComparingInt(KafkaMessage::partition).thenComparingLong(KafkaMessage::offset);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final KafkaSettings kafka;
    private final Duration deadline;
    private volatile Masking masking = Masking.defaults();
    private volatile WireFormat wire;

    public MessageBrowser(KafkaSettings kafka) {
        this(kafka, Duration.ofSeconds(20));
    }

    /** @param deadline the longest a browse reads before returning what it found */
    public MessageBrowser(KafkaSettings kafka, Duration deadline) {
        this.kafka = kafka;
        this.deadline = deadline;
    }

    /** What browse results and tails hide (secret-named fields by default); takes effect for the next browse or tail. */
    public void masking(Masking rules) {
        this.masking = rules == null ? Masking.NONE : rules;
    }

    public Masking masking() {
        return masking;
    }

    /** Decode values in the registry's wire format (Avro, Protobuf) with this registry; null for none. */
    public void registry(SchemaRegistry registry) {
        this.wire = registry == null ? null : new WireFormat(registry);
    }

    /** The codec of the configured registry, for producing with a schema; null without a registry. */
    public WireFormat wireFormat() {
        return wire;
    }

    /** A consumer without a group at the given isolation level (read_committed hides aborted transactions). */
    static Map<String, Object> readerConfig(KafkaSettings kafka, String purpose, IsolationLevel isolation) {
        Map<String, Object> c = KafkaClients.committedReader(kafka, "flowdeck-" + purpose + "-" + CLIENTS.incrementAndGet());
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return c;
    }

    public BrowseResult browse(BrowseRequest request) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig(kafka, "browse", request.isolation()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return browse(consumer, request);
        } catch (KafkaException e) {
            throw KafkaCalls.failure("cannot browse '" + request.topic() + "'", e);
        }
    }

    private BrowseResult browse(KafkaConsumer<byte[], byte[]> consumer, BrowseRequest request) {
        Duration timeout = Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS);
        List<TopicPartition> selected = partitions(consumer, request.topic(), request.partition(), timeout);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(selected, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(selected, timeout);
        Map<TopicPartition, Long> start = startOffsets(consumer, request, selected, begin, end, timeout);

        List<TopicPartition> active = new ArrayList<>();
        start.forEach((tp, s) -> {
            if (s < end.get(tp)) {
                active.add(tp);
            }
        });
        if (active.isEmpty()) {
            return new BrowseResult(List.of(), 0, true, "no records " + where(request));
        }
        consumer.assign(active);
        active.forEach(tp -> consumer.seek(tp, start.get(tp)));

        WireFormat decoder = wire;
        Map<TopicPartition, List<KafkaMessage>> found = new HashMap<>();
        Set<TopicPartition> done = new HashSet<>();
        boolean limited = false;
        long scanned = 0;
        long stopAt = System.nanoTime() + deadline.toNanos();
        while (done.size() < active.size() && scanned < request.maxScanned() && System.nanoTime() < stopAt) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (done.contains(tp) || r.offset() >= end.get(tp)) {
                    continue; // written after the browse began, or beyond this partition's limit
                }
                scanned++;
                KafkaMessage m = KafkaMessage.of(r, decoder);
                if (request.filter().matches(m)) {
                    List<KafkaMessage> list = found.computeIfAbsent(tp, k -> new ArrayList<>());
                    list.add(m);
                    if (list.size() >= request.limit() && request.start() != StartPosition.END) {
                        done.add(tp);
                        limited = limited || r.offset() + 1 < end.get(tp); // more records follow the last one kept
                    }
                }
            }
            for (TopicPartition tp : active) {
                if (!done.contains(tp) && consumer.position(tp, timeout) >= end.get(tp)) {
                    done.add(tp);
                }
            }
            consumer.pause(done);
        }
        boolean complete = done.size() == active.size() && !limited;
        List<KafkaMessage> all = new ArrayList<>();
        Masking rules = masking;
        for (List<KafkaMessage> list : found.values()) {
            for (KafkaMessage m : list) {
                all.add(rules.apply(m));
            }
        }
        all.sort(BY_TIME);
        if (all.size() > request.limit()) {
            complete = false;
            all = request.start() == StartPosition.END
                    ? new ArrayList<>(all.subList(all.size() - request.limit(), all.size()))
                    : new ArrayList<>(all.subList(0, request.limit()));
        }
        String note = Human.plural(all.size(), "record") + " " + where(request)
                + (request.filter().isEmpty() ? "" : " matching " + request.filter().description()
                + " (" + Human.count(scanned) + " read)");
        if (!request.filter().evaluationNote().isEmpty()) {
            note += "; " + request.filter().evaluationNote();
        }
        if (done.size() < active.size()) {
            note += scanned >= request.maxScanned() ? "; stopped after reading " + Human.count(scanned) + " records"
                    : "; stopped after " + deadline.toSeconds() + " s";
        }
        return new BrowseResult(all, scanned, complete, note);
    }

    private static String where(BrowseRequest r) {
        String p = r.partition().isPresent() ? "in partition " + r.partition().getAsInt() : "in all partitions";
        return switch (r.start()) {
            case BEGINNING -> p + " from the beginning";
            case END -> p + ", the newest";
            case OFFSET -> p + " from offset " + r.offset();
            case TIMESTAMP -> p + " from " + java.time.Instant.ofEpochMilli(r.timestamp());
        };
    }

    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer, BrowseRequest request,
                                                          List<TopicPartition> selected, Map<TopicPartition, Long> begin,
                                                          Map<TopicPartition, Long> end, Duration timeout) {
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, OffsetAndTimestamp> byTime = Map.of();
        if (request.start() == StartPosition.TIMESTAMP) {
            Map<TopicPartition, Long> query = new HashMap<>();
            selected.forEach(tp -> query.put(tp, request.timestamp()));
            byTime = consumer.offsetsForTimes(query, timeout);
        }
        for (TopicPartition tp : selected) {
            long b = begin.get(tp);
            long e = end.get(tp);
            long s = switch (request.start()) {
                case BEGINNING -> b;
                case END -> Math.max(b, e - request.limit());
                case OFFSET -> Math.min(Math.max(request.offset(), b), e);
                case TIMESTAMP -> {
                    OffsetAndTimestamp at = byTime.get(tp);
                    yield at == null ? e : Math.max(at.offset(), b);
                }
            };
            start.put(tp, s);
        }
        return start;
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, OptionalInt partition, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new AdminException("topic '" + topic + "' does not exist. Choose another, or refresh the topic list.");
        }
        List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (partition.isEmpty()) {
            return all;
        }
        int p = partition.getAsInt();
        if (p < 0 || p >= all.size()) {
            throw new AdminException("topic '" + topic + "' has no partition " + p + ": it has "
                    + Human.plural(all.size(), "partition") + ", numbered 0 to " + (all.size() - 1));
        }
        return List.of(new TopicPartition(topic, p));
    }

    /** The partitions of {@code topic}, numbered from 0. */
    public int partitionCount(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig(kafka, "meta", IsolationLevel.READ_COMMITTED),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return partitions(consumer, topic, OptionalInt.empty(), Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS)).size();
        }
    }

    /**
     * Writes one record and waits for the brokers' acknowledgement (acks=all).
     *
     * @param partition null to let the key choose
     * @param key       null for no key; {@code 0x...} is sent as hex bytes, anything else as UTF-8
     */
    public ProducedRecord produce(String topic, Integer partition, String key, String value,
                                  List<KafkaMessage.MessageHeader> headers) {
        return produce(topic, partition, key, value, headers, null);
    }

    /**
     * As above, the value written with a registry schema (JSON text in, the wire format out).
     *
     * @param schema null to write the value's text as it is
     * @throws SchemaException if the value does not fit the schema, or there is no registry
     */
    public ProducedRecord produce(String topic, Integer partition, String key, String value,
                                  List<KafkaMessage.MessageHeader> headers, RegisteredSchema schema) {
        WireFormat codec = wire;
        if (schema != null && codec == null) {
            throw new SchemaException("no Schema Registry is configured: add its URL to the connection profile");
        }
        byte[] valueBytes = schema == null ? KafkaMessage.bytes(value) : codec.encode(schema, value);
        if (topic == null || topic.isBlank()) {
            throw new AdminException("choose a topic to write to");
        }
        Map<String, Object> c = new HashMap<>(kafka.clientConfig());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "flowdeck-produce-" + CLIENTS.incrementAndGet());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        // One synchronous record: a plain producer avoids KAFKA-15591's first-batch loss on new topics.
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS + 2_000);
        List<org.apache.kafka.common.header.Header> kafkaHeaders = new ArrayList<>();
        for (KafkaMessage.MessageHeader h : headers) {
            if (h.name() == null || h.name().isBlank()) {
                throw new AdminException("a header has no name: give each header as name=value");
            }
            kafkaHeaders.add(new RecordHeader(h.name(), KafkaMessage.bytes(h.value())));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer())) {
            if (partition != null) {
                int count = producer.partitionsFor(topic).size();
                if (partition < 0 || partition >= count) {
                    throw new AdminException("topic '" + topic + "' has no partition " + partition + ": it has "
                            + Human.plural(count, "partition") + ", numbered 0 to " + (count - 1));
                }
            }
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, partition, null, KafkaMessage.bytes(key),
                    valueBytes, kafkaHeaders)).get(KafkaCalls.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return new ProducedRecord(m.topic(), m.partition(), m.offset(), m.timestamp());
        } catch (ExecutionException e) {
            throw KafkaCalls.failure("cannot write to '" + topic + "'", e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new AdminException("cannot write to '" + topic + "': no acknowledgement within "
                    + KafkaCalls.TIMEOUT_MS / 1000 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("writing to '" + topic + "' was cancelled", e);
        } catch (KafkaException e) {
            throw KafkaCalls.failure("cannot write to '" + topic + "'", e);
        }
    }

    /** A live tail of {@code topic} from its end, filling {@code buffer}; call {@link LiveTail#start()}. */
    public LiveTail tail(String topic, OptionalInt partition, MessageFilter filter, IsolationLevel isolation,
                         TailBuffer<KafkaMessage> buffer, Runnable onData) {
        return new LiveTail(kafka, topic, partition, filter, masking, wire, isolation, buffer, onData);
    }
}
