package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.ChangeEventJson;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tier's door on the event stream: a Kafka consumer group ({@code flowdeck-tier-edge} or {@code -cloud}) on the
 * change-event topic, committed records only, read from the live end of each partition when the feed starts. It
 * takes the tier's sample of the stream ({@link TierSettings#sampleFraction()}, read at each event) and hands each
 * taken event to the router as a request that came in at this tier, stamped with the wall-clock time it was handed
 * over.
 *
 * <p>When the tiers' inbox is full the feed stops polling until there is room, so memory stays bounded at any
 * pipeline rate; the tier's own queue bound then decides what fails.
 */
public final class TierFeed extends WorkerStage {
    private final KafkaSettings kafka;
    private final String topic;
    private final Tiers tiers;
    private final TierRole role;
    private final String groupId;
    private final StreamSample sample;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private volatile long lastRecordNanos = System.nanoTime();

    public TierFeed(KafkaSettings kafka, String topic, Tiers tiers, TierRole role) {
        super(role.stageId());
        this.kafka = kafka;
        this.topic = topic;
        this.tiers = tiers;
        this.role = role;
        this.groupId = "flowdeck-tier-" + role.label();
        TierSettings settings = tiers.tier(role).settings();
        this.sample = new StreamSample(settings::sampleFraction);
    }

    public String groupId() {
        return groupId;
    }

    public TierRole role() {
        return role;
    }

    /** Events read from the topic. */
    public long seen() {
        return seen.get();
    }

    /** Events taken by the sample and handed to the router. */
    public long taken() {
        return taken.get();
    }

    /** {@link System#nanoTime()} when the last record arrived (or when the feed was made). */
    public long lastRecordNanos() {
        return lastRecordNanos;
    }

    @Override
    protected void work(int worker) {
        setStatus(StageState.STARTING, "joining consumer group " + groupId + " on " + topic);
        Set<TopicPartition> positioned = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.groupReader(kafka, groupId, groupId + "-feed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // A tier serves the live stream: a partition this feed has not read yet is read from its end, not
                    // from the group's last commit, so events written while the tiers were off (another run, a
                    // max-rate benchmark) do not arrive as one burst of stale requests. Resolving the position now
                    // makes RUNNING mean that every event published from here on reaches this feed.
                    List<TopicPartition> fresh = partitions.stream().filter(positioned::add).toList();
                    consumer.seekToEnd(fresh);
                    partitions.forEach(consumer::position);
                    setStatus(StageState.RUNNING, running());
                }
            });
            while (!stopping()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (KafkaException e) {
                    setStatus(StageState.DEGRADED, "cannot read " + topic + ": " + e.getMessage());
                    pause(500);
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                lastRecordNanos = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    seen.incrementAndGet();
                    if (sample.take()) {
                        hand(r.value());
                    }
                }
                consumer.commitAsync();
                lastRecordNanos = System.nanoTime();
                if (status().state() != StageState.RUNNING) {
                    setStatus(StageState.RUNNING, running());
                }
            }
            try {
                consumer.commitSync(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                log.debug("{}: final offset commit failed: {}", groupId, e.getMessage());
            }
        }
    }

    private void hand(byte[] value) {
        long key;
        try {
            ChangeEvent e = ChangeEventJson.read(value);
            key = e.id();
        } catch (IllegalArgumentException e) {
            key = -1; // not a change event: still a request for the tier
        }
        while (!tiers.submit(role, key, JobListener.NONE)) {
            if (stopping()) {
                return;
            }
            pause(2); // the loop's inbox is full: wait for room rather than grow memory
        }
        taken.incrementAndGet();
    }

    private String running() {
        return String.format(Locale.ROOT, "consumer group %s on %s, taking %.3g of the events", groupId, topic,
                tiers.tier(role).settings().sampleFraction());
    }
}
