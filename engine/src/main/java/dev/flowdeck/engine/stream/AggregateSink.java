package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the processor's committed output (read_committed) and puts it where it is used: window parts into the
 * {@link AggregateTable}, which adds them up into totals; the newest totals, alerts and anomalies into the
 * {@link ProcessorFeed}; counts into the counters.
 *
 * <p><b>Exactly once into the database.</b> The sink does not use a consumer group: it assigns the partitions
 * itself and keeps its read position in the database, written in the same transaction as the rows. After a crash it
 * resumes from what the database holds, so no batch is lost or applied twice; and since each part carries its
 * full totals, even a batch applied twice would leave the same rows. Alerts and anomalies are read from
 * where the topics ended when the sink opened: the counters count what this processor raised while it ran.
 *
 * <p>Runs on the processor's worker thread only.
 */
final class AggregateSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AggregateSink.class);
    static final long TRIM_EVERY_MS = 10_000;

    private final Database db;
    private final KafkaSettings kafka;
    private final ProcessorSettings settings;
    private final String sinkName;
    private final ProcessorFeed feed;
    private final StageCounters rowsWritten;
    private final StageCounters alerts;
    private final StageCounters anomalies;
    /** Read-up-to positions that are done: stored in the database (aggregates) or handled (alerts, anomalies). */
    private final Map<TopicPartition, Long> done = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    /** Per source partition: the highest {@link PartialAggregator#THROUGH_HEADER} among the parts stored. */
    private final Map<Integer, Long> storedThrough = new ConcurrentHashMap<>();
    private final Runnable onProgress;
    private KafkaConsumer<String, byte[]> consumer;
    private Connection connection;
    private List<TopicPartition> aggregatePartitions = List.of();
    private long feedNewestWindow = Long.MIN_VALUE;
    private long skipped;
    private long nextTrimMillis;
    private volatile long trimmedWindows;

    AggregateSink(Database db, KafkaSettings kafka, ProcessorSettings settings, String sinkName, ProcessorFeed feed,
                  StageCounters rowsWritten, StageCounters alerts, StageCounters anomalies, Runnable onProgress) {
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.sinkName = sinkName;
        this.feed = feed;
        this.rowsWritten = rowsWritten;
        this.alerts = alerts;
        this.anomalies = anomalies;
        this.onProgress = onProgress;
    }

    /**
     * Assigns every partition of the three output topics and seeks: aggregates to the position stored in the
     * database, alerts and anomalies to {@code resume} (where a previous sink of this processor stopped) or else to
     * their end.
     *
     * <p>A sink with no stored position (a new application id) starts at the aggregates topic's current end, which
     * it stores at once: everything its own application emits comes after that, and parts that other application
     * ids left in the topic are not mixed in. Storing it before Kafka Streams starts means a crash right after the
     * first emit still resumes from here, not from the end of that moment.
     */
    void open(Map<TopicPartition, Long> resume) throws SQLException {
        connection = db.open();
        Map<String, Object> config = KafkaClients.committedReader(kafka, StreamsProperties.CLIENT_ID + "-sink");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        aggregatePartitions = partitions(settings.aggregatesTopic());
        List<TopicPartition> signalPartitions = new ArrayList<>(partitions(settings.alertsTopic()));
        signalPartitions.addAll(partitions(settings.anomaliesTopic()));
        List<TopicPartition> all = new ArrayList<>(aggregatePartitions);
        all.addAll(signalPartitions);
        consumer.assign(all);
        Map<TopicPartition, Long> saved = AggregateTable.loadOffsets(connection, sinkName, settings.aggregatesTopic());
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(aggregatePartitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(aggregatePartitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition tp : aggregatePartitions) {
            Long at = saved.get(tp);
            from.put(tp, Math.max(at != null ? at : end.getOrDefault(tp, 0L), beginning.getOrDefault(tp, 0L)));
        }
        if (!saved.keySet().containsAll(aggregatePartitions)) {
            try (Database.Writing serial = db.writing()) {
                AggregateTable.write(connection, db.dialect(), List.of(), sinkName, from);
            }
        }
        from.forEach((tp, offset) -> {
            consumer.seek(tp, offset);
            stored.put(tp, offset);
            done.put(tp, offset);
        });
        consumer.endOffsets(signalPartitions).forEach((tp, signalEnd) -> {
            long at = resume.getOrDefault(tp, signalEnd);
            consumer.seek(tp, at);
            done.put(tp, at);
        });
        log.info("processor sink reading {} from {} ({}), {} and {} from {}", settings.aggregatesTopic(), from,
                saved.isEmpty() ? "new: the end" : "stored", settings.alertsTopic(), settings.anomaliesTopic(),
                resume.isEmpty() ? "their end" : "where the last run stopped");
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions; it should have been created at start");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /**
     * One poll: alerts and anomalies to the feed, aggregates to the database in one transaction. On a database error
     * the aggregates' read position goes back to what the database holds, and the error is thrown.
     */
    int pollOnce(Duration timeout) throws SQLException {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        Map<String, WindowAggregate> latest = new LinkedHashMap<>();
        Map<Integer, Long> through = new HashMap<>();
        long alertCount = 0;
        long anomalyCount = 0;
        long alertBytes = 0;
        long anomalyBytes = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() == null) {
                continue;
            }
            try {
                if (r.topic().equals(settings.aggregatesTopic())) {
                    WindowAggregate a = ProcessorJson.read(r.value(), WindowAggregate.class);
                    if (a.part() == null) {
                        throw new IllegalArgumentException("an aggregate without \"part\" (not written by this processor version)");
                    }
                    latest.put(a.recordKey(), a); // same key, same partition, in order: the last one holds the part's totals
                    PartialAggregator.through(r.headers()).ifPresent(t -> through.merge(a.part(), t, Math::max));
                } else if (r.topic().equals(settings.alertsTopic())) {
                    feed.add(ProcessorJson.read(r.value(), Alert.class));
                    alertCount++;
                    alertBytes += r.serializedValueSize();
                } else {
                    feed.add(ProcessorJson.read(r.value(), Anomaly.class));
                    anomalyCount++;
                    anomalyBytes += r.serializedValueSize();
                }
            } catch (IllegalArgumentException e) {
                skipped++;
                if (skipped <= 10) {
                    log.warn("skipping an unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                }
            }
        }
        if (alertCount > 0) {
            alerts.add(alertCount, alertBytes, 0);
        }
        if (anomalyCount > 0) {
            anomalies.add(anomalyCount, anomalyBytes, 0);
        }
        for (TopicPartition tp : consumer.assignment()) {
            if (!tp.topic().equals(settings.aggregatesTopic())) {
                done.put(tp, consumer.position(tp));
            }
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : aggregatePartitions) {
            positions.put(tp, consumer.position(tp));
        }
        boolean moved = !positions.equals(stored);
        if (!latest.isEmpty() || moved) {
            store(latest, positions);
            through.forEach((part, offset) -> storedThrough.merge(part, offset, Math::max));
        }
        if (!records.isEmpty() || moved) {
            onProgress.run();
        }
        trimNowAndThen();
        return records.count();
    }

    /**
     * Every {@link #TRIM_EVERY_MS}, deletes the windows older than the retention age, on this connection between two
     * stores, so a trim never races an upsert. A window that may still change (see
     * {@link ProcessorSettings#windowsFinalAfter()}) is kept whatever the age.
     */
    private void trimNowAndThen() throws SQLException {
        long now = System.currentTimeMillis();
        Duration age = settings.retention().maxAge();
        if (now < nextTrimMillis || age.isZero()) {
            return;
        }
        nextTrimMillis = now + TRIM_EVERY_MS;
        Duration keep = age.compareTo(settings.windowsFinalAfter()) > 0 ? age : settings.windowsFinalAfter();
        try {
            if (connection == null) {
                connection = db.open();
            }
            try (Database.Writing serial = db.writing()) {
                trimmedWindows += AggregateTable.trim(connection, Instant.ofEpochMilli(now).minus(keep));
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** Windows this sink deleted because they were older than the retention. */
    long trimmedWindows() {
        return trimmedWindows;
    }

    private void store(Map<String, WindowAggregate> parts, Map<TopicPartition, Long> positions) throws SQLException {
        int totals;
        try {
            if (connection == null) {
                connection = db.open();
            }
            try (Database.Writing serial = db.writing()) {
                totals = AggregateTable.write(connection, db.dialect(), parts.values(), sinkName, positions);
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            stored.forEach(consumer::seek); // read them again once the database is back
            throw e;
        }
        stored.putAll(positions);
        done.putAll(positions);
        rowsWritten.add(totals, 0, 0);
        refreshFeed(parts);
    }

    /** The feed shows totals, which only the database has: read back the newest windows this batch touched. */
    private void refreshFeed(Map<String, WindowAggregate> parts) throws SQLException {
        long windowMs = settings.window().toMillis();
        long newest = parts.values().stream().filter(a -> a.windowMs() == windowMs)
                .mapToLong(WindowAggregate::windowStartMs).max().orElse(Long.MIN_VALUE);
        if (newest == Long.MIN_VALUE || (feedNewestWindow != Long.MIN_VALUE && newest < feedNewestWindow - windowMs)) {
            return; // catching up on old windows: the feed shows the newest only
        }
        feedNewestWindow = Math.max(feedNewestWindow, newest);
        AggregateTable.totalsSince(connection, windowMs, newest - windowMs).forEach(feed::update);
    }

    /** True once every partition in {@code targets} has been read (and, for aggregates, stored) up to its offset. */
    boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(t -> done.getOrDefault(t.getKey(), -1L) >= t.getValue());
    }

    /**
     * True once, for every source partition in {@code changedThrough}, a part stamped with at least that offset is
     * stored: then every part changed by the events up to it is stored (see {@link PartialAggregator}).
     */
    boolean storedThrough(Map<Integer, Long> changedThrough) {
        return changedThrough.entrySet().stream().allMatch(c -> storedThrough.getOrDefault(c.getKey(), Long.MIN_VALUE) >= c.getValue());
    }

    /** Read positions on the alerts and anomalies topics. */
    Map<TopicPartition, Long> signalPositions() {
        Map<TopicPartition, Long> out = new HashMap<>(done);
        out.keySet().removeIf(tp -> tp.topic().equals(settings.aggregatesTopic()));
        return out;
    }

    List<String> topics() {
        return List.of(settings.aggregatesTopic(), settings.alertsTopic(), settings.anomaliesTopic());
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing the sink consumer: {}", e.toString());
            }
            consumer = null;
        }
        closeConnection();
    }

    private void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }
}
