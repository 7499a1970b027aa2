package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the change events back with a {@code read_committed} consumer, from the end of the topic as it was when the
 * run began, and checks them against the rows: which ids arrived, which arrived twice, and how long each took from
 * insert to here (end-to-end latency, and the Kafka hop from capture to here).
 */
public final class DeliveryVerifier extends WorkerStage {
    private static final Logger log = LoggerFactory.getLogger(DeliveryVerifier.class);
    private final KafkaSettings kafka;
    private final String topic;
    private final long idBase;
    private final StageCounters counters;
    private final LatencyRecorder endToEnd;
    private final LatencyRecorder kafkaHop;
    /** Ids of this run received: ranges, so a long run holds its few holes, not one bit per id since the start. */
    private final IdRanges seen = new IdRanges();
    private long verified;
    private final Object lock = new Object();
    private long duplicates;
    private long outsideRun;
    private long unreadable;
    private Map<TopicPartition, Long> startOffsets;
    /** Wall-clock ms of the last poll that brought events (0: none yet), and the longest pause between two. */
    private long lastArrivalMs;
    private Stall stall = Stall.NONE;

    /**
     * The longest time no event reached this consumer between two that did (a failover's stall), and when it
     * ended: {@code recoveredMs} is the first arrival after it whose end-to-end latency was under
     * {@link #RECOVERED_BELOW_MS} again (0 while it is not).
     */
    public record Stall(long gapMs, long fromMs, long toMs, long recoveredMs) {
        static final Stall NONE = new Stall(0, 0, 0, 0);

        /** From the stall's end until the backlog was worked off. */
        public long recoveryMs() {
            return recoveredMs == 0 ? -1 : recoveredMs - toMs;
        }
    }

    /** An event delivered this soon after its row's insert counts as "caught up" after a stall. */
    public static final long RECOVERED_BELOW_MS = 1_000;

    /**
     * @param idBase  the highest row id before the run: rows above it are this run's to verify
     */
    public DeliveryVerifier(KafkaSettings kafka, String topic, long idBase, StageCounters counters,
                            LatencyRecorder endToEnd, LatencyRecorder kafkaHop) {
        super(StageId.VERIFIER);
        this.kafka = kafka;
        this.topic = topic;
        this.idBase = idBase;
        this.counters = counters;
        this.endToEnd = endToEnd;
        this.kafkaHop = kafkaHop;
    }

    /** Pins the start to the topic's current end, so events published before the run are not counted. */
    public void pinStart() throws Exception {
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-verifier-admin");
             KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            Topics.awaitServed(admin, topic, Duration.ofSeconds(30));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            startOffsets = consumer.endOffsets(partitions);
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(KafkaClients.committedReader(kafka, "flowdeck-verifier"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()); // the id is read from the value
    }

    @Override
    protected void work(int worker) {
        if (startOffsets == null) {
            throw new IllegalStateException("pinStart() must run before the verifier starts");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            consumer.assign(startOffsets.keySet());
            startOffsets.forEach(consumer::seek);
            setStatus(StageState.RUNNING, "reading " + topic + " back (read_committed)");
            while (!stopping()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (KafkaException e) {
                    setStatus(StageState.DEGRADED, "cannot read " + topic + ": " + e.getMessage());
                    backOff(500);
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                long now = Clocks.nowMicros();
                long bytes = 0;
                long newest = 0;
                long minLatencyMicros = Long.MAX_VALUE;
                synchronized (lock) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        bytes += Math.max(0, r.serializedValueSize());
                        ChangeEventJson.Stamp e = readable(r);
                        if (e == null || e.replay()) {
                            continue;
                        }
                        newest = Math.max(newest, e.createdAtMicros());
                        minLatencyMicros = Math.min(minLatencyMicros, now - e.createdAtMicros());
                        endToEnd.recordMicros(now - e.createdAtMicros());
                        kafkaHop.recordMicros(now - e.capturedAtMicros());
                        note(e.id());
                    }
                }
                synchronized (lock) {
                    noteArrival(now / 1000, minLatencyMicros / 1000);
                    lock.notifyAll();
                }
                counters.add(records.count(), bytes, newest);
                setStatus(StageState.RUNNING, "reading " + topic + " back (read_committed)");
            }
        }
    }

    /**
     * The change event in a record, or null (counted in {@link #unreadable()}) when another producer wrote something
     * that is not one: a null value, or bytes that are not a change event. One such record must not stop the check.
     */
    /** Counts the arrival of row {@code id}. */
    void note(long id) {
        synchronized (lock) {
            if (id <= idBase) {
                outsideRun++; // not a row this run wrote
            } else if (seen.contains(id)) {
                duplicates++;
            } else {
                seen.add(id);
                verified++;
            }
        }
    }

    /** How many ranges the verifier holds for the ids seen: stays small however long the run. */
    int retainedRanges() {
        synchronized (lock) {
            return seen.rangeCount();
        }
    }

    private ChangeEventJson.Stamp readable(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            unreadable++;
            return null;
        }
        try {
            return ChangeEventJson.readStamp(r.value());
        } catch (RuntimeException e) {
            unreadable++;
            if (unreadable == 1) {
                log.warn("skipping a record on {} partition {} offset {} that is not a change event: {}", r.topic(),
                        r.partition(), r.offset(), clip(e.getMessage()));
            }
            return null;
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** Records on the topic that were not change events (null or unreadable values), skipped. */
    public long unreadable() {
        synchronized (lock) {
            return unreadable;
        }
    }

    private void noteArrival(long nowMs, long minLatencyMs) {
        if (lastArrivalMs > 0 && nowMs - lastArrivalMs > stall.gapMs()) {
            stall = new Stall(nowMs - lastArrivalMs, lastArrivalMs, nowMs, 0);
        }
        if (stall.gapMs() > 0 && stall.recoveredMs() == 0 && minLatencyMs < RECOVERED_BELOW_MS) {
            stall = new Stall(stall.gapMs(), stall.fromMs(), stall.toMs(), nowMs);
        }
        lastArrivalMs = nowMs;
    }

    /** The longest pause in deliveries so far (see {@link Stall}). */
    public Stall stall() {
        synchronized (lock) {
            return stall;
        }
    }

    /** Ids of this run received at least once. */
    public long verified() {
        synchronized (lock) {
            return verified;
        }
    }

    /** Waits until at least {@code count} ids of this run have arrived, or {@code timeoutMs} passed. */
    public boolean awaitVerified(long count, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (lock) {
            long left;
            while (verified < count && (left = deadline - System.currentTimeMillis()) > 0) {
                lock.wait(left);
            }
            return verified >= count;
        }
    }

    /** Extra copies received of ids already seen. */
    public long duplicates() {
        synchronized (lock) {
            return duplicates;
        }
    }

    /** Events for rows written before this run (published late, after a restart). */
    public long outsideRun() {
        synchronized (lock) {
            return outsideRun;
        }
    }

    /** Of the given ids (all above idBase), how many have not arrived. */
    public long missing(long[] expectedIds) {
        synchronized (lock) {
            long missing = 0;
            for (long id : expectedIds) {
                if (!seen.contains(id)) {
                    missing++;
                }
            }
            return missing;
        }
    }
}
