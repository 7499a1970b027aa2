package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the change events as they are committed to Kafka ({@code read_committed}, no consumer group, from the end of
 * the topic at start): the pipeline's view of the Kafka hop. It measures the time from capture to here and from
 * insert to here, counts what it read, tracks how many events it is behind the end of the topic, and keeps every
 * {@code sampleEvery}-th event in a small ring for display.
 */
public final class LiveEventReader extends WorkerStage {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSettings kafka;
    private final String topic;
    private final StageCounters counters;
    private final LatencyRecorder endToEnd;
    private final LatencyRecorder kafkaHop;
    private final RecentEvents recent;
    private final int sampleEvery;
    private volatile long lagEvents;
    private long seen;
    private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();

    public LiveEventReader(KafkaSettings kafka, String topic, StageCounters counters, LatencyRecorder endToEnd,
                           LatencyRecorder kafkaHop, RecentEvents recent, int sampleEvery) {
        super(StageId.READER);
        this.kafka = kafka;
        this.topic = topic;
        this.counters = counters;
        this.endToEnd = endToEnd;
        this.kafkaHop = kafkaHop;
        this.recent = recent;
        this.sampleEvery = Math.max(1, sampleEvery);
    }

    /** Records on the topic that were not change events (null or unreadable values), skipped. */
    public long unreadable() {
        return unreadable.get();
    }

    /** Events committed to the topic that this reader has not read yet (as of its last poll). */
    public long lagEvents() {
        return lagEvents;
    }

    public RecentEvents recent() {
        return recent;
    }

    @Override
    protected void work(int worker) {
        setStatus(StageState.STARTING, "connecting to Kafka at " + kafka.bootstrapServers());
        KafkaConsumer<String, byte[]> consumer = null;
        long failures = 0;
        try {
            while (!stopping()) {
                try {
                    if (consumer == null) {
                        consumer = open();
                        if (consumer == null) {
                            setStatus(StageState.STARTING, "waiting for topic " + topic);
                            pause(500);
                            continue;
                        }
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        take(records);
                    }
                    lagEvents = lag(consumer);
                    failures = 0;
                    setStatus(StageState.RUNNING, "reading " + topic + " as events are committed");
                } catch (KafkaException e) {
                    failures++;
                    counters.error();
                    closeQuietly(consumer);
                    consumer = null;
                    setStatus(StageState.DEGRADED, "cannot read " + topic + " from Kafka at " + kafka.bootstrapServers()
                            + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); retrying");
                    pause(Math.min(5_000, 250L * failures));
                }
            }
        } finally {
            closeQuietly(consumer);
        }
    }

    /** A consumer positioned at the end of every partition, or null while the topic does not exist yet. */
    private KafkaConsumer<String, byte[]> open() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(kafka, "flowdeck-live-reader"),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                consumer.close(Duration.ofSeconds(1));
                return null;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            assigned.forEach(consumer::position); // resolve the end now, not at the first poll
            return consumer;
        } catch (RuntimeException e) {
            closeQuietly(consumer);
            throw e;
        }
    }

    private void take(ConsumerRecords<String, byte[]> records) {
        long now = Clocks.nowMicros();
        long bytes = 0;
        long newest = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            bytes += r.serializedValueSize();
            ChangeEvent e;
            try {
                e = ChangeEventJson.read(r.value());
            } catch (RuntimeException bad) {
                counters.error();
                unreadable.incrementAndGet(); // poison (null, not a change event): skipped, counted, shown on the card
                continue;
            }
            if (!e.isReplay()) {
                newest = Math.max(newest, e.createdAtMicros());
                endToEnd.recordMicros(now - e.createdAtMicros());
                kafkaHop.recordMicros(now - e.capturedAtMicros());
            }
            if (seen++ % sampleEvery == 0) {
                recent.add(e, now);
            }
        }
        counters.add(records.count(), bytes, newest);
    }

    private static long lag(KafkaConsumer<String, byte[]> consumer) {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                total += l.getAsLong();
            }
        }
        return total;
    }

    private static void closeQuietly(KafkaConsumer<String, byte[]> consumer) {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // being discarded
            }
        }
    }
}
