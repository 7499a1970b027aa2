package dev.flowdeck.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;
import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.CaptureSources;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Log-based capture on PostgreSQL, measured: the snapshot's rate, the sustained rate of a mix of inserts, updates and
 * deletes with every change verified (each key's events must read create, updates raising {@code version} by one,
 * delete; the counts must equal what the writers committed), and commit -> consumer latency at 1,000 changes/s.
 *
 * <p>Writers own disjoint id ranges, so they never wait on each other's locks; each transaction inserts, updates and
 * deletes with one statement each (arrays), like a busy application's batch jobs.
 */
final class CaptureBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "flowdeck_bench_capture";
    private static final String TABLE = "bench_orders";
    private static final int SEED_ROWS = 100_000;

    private final KafkaSettings kafka;
    private final DbSettings db;
    private final Consumer<String> progress;

    CaptureBench(KafkaSettings kafka, String url, String user, String password, Consumer<String> progress) {
        this.kafka = kafka;
        this.db = new DbSettings(url, user, password);
        this.progress = progress;
    }

    /** Max rate for {@code duration} with {@code writers} threads, then latency at 1,000 changes/s for {@code duration}. */
    List<ObjectNode> run(Duration duration, int writers, Duration pollInterval) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        out.add(measure("capture_max_rate_postgres", duration, writers, 0, pollInterval));
        out.add(measure("capture_latency_1000_changes_per_s_postgres", duration, 1, 1_000, pollInterval));
        return out;
    }

    private ObjectNode measure(String name, Duration duration, int writers, int changesPerSecond, Duration pollInterval)
            throws Exception {
        prepareTable();
        String slot = "flowdeck_bench_capture";
        CaptureSettings settings = CaptureSettings.of(List.of(new TableId(SCHEMA, TABLE)), null)
                .withSlotName(slot).withPublicationName("flowdeck_bench_capture").withTopicPrefix("bench-" + name.replace('_', '-'))
                .withPollInterval(pollInterval);
        CaptureSource capture = CaptureSources.create(db, kafka, settings);
        capture.release(); // a slot left by an earlier, interrupted bench
        String topic = settings.topicOf(settings.tables().get(0));
        Verifier verifier = new Verifier(kafka, topic);
        long t0 = System.nanoTime();
        capture.start();
        try {
            if (!capture.awaitState(StageState.RUNNING, Duration.ofSeconds(60))) {
                throw new IllegalStateException("capture did not start: " + capture.status().message());
            }
            verifier.start();
            verifier.awaitReads(SEED_ROWS, Duration.ofSeconds(300));
            double snapshotSeconds = (System.nanoTime() - t0) / 1e9;
            progress.accept(name + ": snapshot of " + SEED_ROWS + " rows in " + Math.round(snapshotSeconds * 10) / 10.0 + " s");

            AtomicLong committed = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<CompletableFuture<Void>> threads = new ArrayList<>();
            long w0 = System.nanoTime();
            long changesBefore = verifier.changes();
            for (int t = 0; t < writers; t++) {
                int thread = t;
                threads.add(CompletableFuture.runAsync(() -> write(thread, writing, committed, changesPerSecond)));
            }
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(5_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1)); // a progress tick
                progress.accept(name + ": committed " + committed.get() + " changes, consumed " + (verifier.changes() - changesBefore));
            }
            writing.set(false);
            CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get();
            double writeSeconds = (System.nanoTime() - w0) / 1e9;
            boolean drained = verifier.awaitChanges(changesBefore + committed.get(), Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - w0) / 1e9;
            verifier.stop();
            ObjectNode o = JSON.createObjectNode();
            o.put("measurement", name);
            o.put("writers", writers);
            o.put("poll_interval_ms", settings.pollInterval().toMillis());
            o.put("snapshot_rows", SEED_ROWS);
            o.put("snapshot_rows_per_s", Math.round(SEED_ROWS / snapshotSeconds));
            o.put("changes_committed", committed.get());
            o.put("changes_verified", verifier.changes() - changesBefore);
            o.put("lost", Math.max(0, changesBefore + committed.get() - verifier.changes()));
            o.put("wrong_order_or_dup", verifier.problems());
            o.put("drained", drained);
            o.put("writer_changes_per_s", Math.round(committed.get() / writeSeconds));
            o.put("changes_per_s", Math.round(committed.get() / seconds));
            Histogram h = verifier.latency();
            ObjectNode lat = o.putObject("commit_to_consumer_ms");
            lat.put("p50", h.getValueAtPercentile(50));
            lat.put("p99", h.getValueAtPercentile(99));
            lat.put("max", h.getMaxValue());
            lat.put("count", h.getTotalCount());
            return o;
        } finally {
            verifier.stop();
            capture.stop();
            capture.release();
        }
    }

    private void prepareTable() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + SCHEMA);
            st.execute("CREATE TABLE " + SCHEMA + "." + TABLE + "(id bigint PRIMARY KEY, customer text NOT NULL,"
                    + " amount numeric(12,2) NOT NULL, version int NOT NULL)");
            st.execute("INSERT INTO " + SCHEMA + "." + TABLE + " SELECT g, 'seed' || g, g % 1000, 0 FROM generate_series(1, "
                    + SEED_ROWS + ") g");
        }
    }

    /**
     * One writer: transactions of 40 inserts, 40 updates of its own live rows and 20 deletes of its oldest; paced to
     * {@code changesPerSecond} in 10-change transactions when it is above zero.
     */
    private void write(int thread, AtomicBoolean writing, AtomicLong committed, int changesPerSecond) {
        String t = SCHEMA + "." + TABLE;
        long nextId = 1_000_000_000L * (thread + 1);
        ArrayDeque<Long> live = new ArrayDeque<>();
        int inserts = changesPerSecond > 0 ? 4 : 40;
        int updates = changesPerSecond > 0 ? 4 : 40;
        int deletes = changesPerSecond > 0 ? 2 : 20;
        long intervalNanos = changesPerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) * (inserts + updates + deletes) / changesPerSecond : 0;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + t + " SELECT id, 'w', 1, 0 FROM unnest(?::bigint[]) id");
             PreparedStatement upd = c.prepareStatement("UPDATE " + t + " SET version = version + 1, amount = amount + 1 WHERE id = ANY(?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM " + t + " WHERE id = ANY(?)")) {
            c.setAutoCommit(false);
            long next = System.nanoTime();
            while (writing.get()) {
                Long[] newIds = new Long[inserts];
                for (int i = 0; i < inserts; i++) {
                    newIds[i] = nextId++;
                }
                ins.setArray(1, c.createArrayOf("bigint", newIds));
                ins.executeUpdate();
                List<Long> toUpdate = new ArrayList<>();
                var it = live.descendingIterator();
                while (it.hasNext() && toUpdate.size() < updates) {
                    toUpdate.add(it.next());
                }
                int changes = inserts;
                if (!toUpdate.isEmpty()) {
                    Array a = c.createArrayOf("bigint", toUpdate.toArray());
                    upd.setArray(1, a);
                    changes += upd.executeUpdate();
                }
                List<Long> toDelete = new ArrayList<>();
                while (live.size() > 200 && toDelete.size() < deletes) {
                    toDelete.add(live.pollFirst());
                }
                if (!toDelete.isEmpty()) {
                    del.setArray(1, c.createArrayOf("bigint", toDelete.toArray()));
                    changes += del.executeUpdate();
                }
                c.commit();
                committed.addAndGet(changes);
                for (Long id : newIds) {
                    live.addLast(id);
                }
                if (intervalNanos > 0) {
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing to the target rate
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("bench writer " + thread + ": " + e.getMessage(), e);
        }
    }

    /**
     * A read_committed consumer that checks every change (per key: one create or read, updates raising the version
     * by one, at most one delete) and records commit -> consumer latency of streamed changes.
     */
    private static final class Verifier {
        private final KafkaSettings kafka;
        private final String topic;
        private final Map<Long, Integer> versions = new HashMap<>();
        private final Histogram latency = new Histogram(60_000, 3);
        private final AtomicLong reads = new AtomicLong();
        private final AtomicLong changes = new AtomicLong();
        private final AtomicLong problems = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Verifier(KafkaSettings kafka, String topic) {
            this.kafka = kafka;
            this.topic = topic;
        }

        void start() {
            running.set(true);
            thread = new Thread(this::consume, "flowdeck-bench-capture-verifier");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
        }

        private void consume() {
            Map<String, Object> config = KafkaClients.committedReader(kafka, "flowdeck-bench-capture");
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.currentTimeMillis();
                        if (r.value() == null) {
                            continue; // tombstone
                        }
                        ChangeEnvelope.Read e = ChangeEnvelope.read(r.value()).orElse(null);
                        if (e == null) {
                            problems.incrementAndGet();
                            continue;
                        }
                        check(((Number) ChangeEnvelope.readKey(r.key()).get("id")).longValue(), e);
                        if (e.op() == dev.flowdeck.engine.cdc.capture.ChangeOp.READ) {
                            reads.incrementAndGet();
                        } else {
                            Object commit = e.source().get("ts_ms");
                            latency.recordValue(Math.max(0, Math.min(60_000, now - ((Number) commit).longValue())));
                            changes.incrementAndGet();
                        }
                    }
                }
            }
        }

        private void check(long id, ChangeEnvelope.Read e) {
            Integer state = versions.get(id);
            switch (e.op()) {
                case READ, CREATE -> {
                    if (state != null) {
                        problems.incrementAndGet();
                    }
                    versions.put(id, ((Number) e.after().get("version")).intValue());
                }
                case UPDATE -> {
                    int v = ((Number) e.after().get("version")).intValue();
                    if (state == null || v != state + 1) {
                        problems.incrementAndGet();
                    }
                    versions.put(id, v);
                }
                case DELETE -> {
                    if (state == null) {
                        problems.incrementAndGet();
                    }
                    versions.remove(id);
                }
            }
        }

        void awaitReads(long n, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (reads.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a counter the consumer thread raises
            }
            if (reads.get() < n) {
                throw new IllegalStateException("snapshot incomplete: " + reads.get() + " of " + n + " rows");
            }
        }

        boolean awaitChanges(long n, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (changes.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a counter the consumer thread raises
            }
            return changes.get() >= n;
        }

        long changes() {
            return changes.get();
        }

        long problems() {
            return problems.get();
        }

        Histogram latency() {
            return latency;
        }
    }
}
