package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.kafka.KafkaUnavailableException;
import dev.flowdeck.engine.kafka.Topics;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Log-based capture of PostgreSQL tables: Debezium's embedded engine with its PostgreSQL connector reads the
 * write-ahead log through logical decoding ({@code pgoutput}, a publication and a replication slot Flowdeck makes),
 * first a consistent snapshot of each table (op {@code r}), then every insert, update and delete from exactly the
 * snapshot's position.
 *
 * <p>Exactly once into Kafka: each batch of events and the source position it reaches are committed in ONE Kafka
 * transaction ({@link CaptureOffsets}); Debezium reads back, and confirms to the slot, only committed positions. The
 * whole initial snapshot is one transaction, so a crash during it publishes none of its rows and the next start
 * takes the snapshot again from a new slot. See docs/cdc.md.
 */
public final class PostgresLogCapture extends WorkerStage implements CaptureSource {
    /** Long enough for a large initial snapshot in one transaction; the broker's default maximum. */
    private static final int SNAPSHOT_TRANSACTION_TIMEOUT_MS = 900_000;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration ENGINE_CLOSE_WAIT = Duration.ofSeconds(30);

    private final DbSettings db;
    private final KafkaSettings kafka;
    private final CaptureSettings settings;
    private final String slot;
    private final String engineName;
    private final ChangeEnvelope envelope;
    private final List<TableCaptureStats> stats;
    private final Map<TableId, TableCaptureStats> statsByTable = new HashMap<>();
    private final AtomicReference<DebeziumEngine<RecordChangeEvent<SourceRecord>>> engine = new AtomicReference<>();
    private volatile Throwable engineError;
    private volatile String committedPosition;
    private volatile CaptureException failure;

    // touched by the engine's batch thread only (and by cleanUp after the engine has stopped)
    private CaptureOffsets offsets;
    private KafkaProducer<byte[], byte[]> producer;
    private java.sql.Connection claim;
    private boolean transactionOpen;
    private boolean snapshotOpen;
    private final Map<TableCaptureStats, EnumMap<ChangeOp, Long>> pendingCounts = new LinkedHashMap<>();
    private final Map<TableCaptureStats, Long> pendingCommitTs = new HashMap<>();
    private volatile Exception sendError;

    public PostgresLogCapture(DbSettings db, KafkaSettings kafka, CaptureSettings settings) {
        super(StageId.of("capture-" + settings.slotFor(PostgresCaptureSetup.databaseName(db)),
                "Capture (slot " + settings.slotFor(PostgresCaptureSetup.databaseName(db)) + ")"));
        if (!db.isPostgres()) {
            throw new IllegalArgumentException("log-based capture needs PostgreSQL, not " + db.safeUrl());
        }
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.slot = settings.slotFor(PostgresCaptureSetup.databaseName(db));
        this.engineName = "flowdeck-capture-" + slot;
        this.envelope = new ChangeEnvelope(settings.tombstones());
        List<TableCaptureStats> s = new ArrayList<>();
        for (TableId t : settings.tables()) {
            TableCaptureStats ts = new TableCaptureStats(t, settings.topicOf(t));
            s.add(ts);
            statsByTable.put(t, ts);
        }
        this.stats = List.copyOf(s);
    }

    @Override
    public CaptureSettings settings() {
        return settings;
    }

    @Override
    public List<TableCaptureStats> tableStats() {
        return stats;
    }

    @Override
    public Optional<String> committedPosition() {
        return Optional.ofNullable(committedPosition);
    }

    @Override
    public String retainedResource() {
        return "replication slot " + slot;
    }

    public String slotName() {
        return slot;
    }

    /** Bytes of WAL the slot holds back from removal (an abandoned slot fills the database's disk); -1 if unknown. */
    public long retainedWalBytes() {
        try {
            return new PostgresCaptureSetup(db, slot, settings.publicationName()).slotState().retainedWalBytes();
        } catch (CaptureException e) {
            return -1;
        }
    }

    @Override
    public void release() {
        if (isAlive()) {
            throw new IllegalStateException("stop the capture before releasing its slot");
        }
        releaseSlot();
    }

    /** Drops slot and publication, and forgets the committed positions; returns what was dropped. */
    public List<String> releaseSlot() {
        List<String> dropped = new PostgresCaptureSetup(db, slot, settings.publicationName()).release();
        try {
            KafkaProbe.check(kafka, KAFKA_TIMEOUT);
            CaptureOffsets o = new CaptureOffsets(engineName + "-release", settings.offsetsTopic());
            try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-capture-release")) {
                if (Topics.describe(admin, settings.offsetsTopic(), KAFKA_TIMEOUT).isEmpty()) {
                    return dropped;
                }
            }
            o.load(kafka, KAFKA_TIMEOUT);
            Map<ByteBuffer, ByteBuffer> mine = o.committedOf(engineName);
            if (!mine.isEmpty()) {
                try (KafkaProducer<byte[], byte[]> p = newProducer(60_000)) {
                    p.initTransactions();
                    p.beginTransaction();
                    o.transactionBegun(p);
                    o.forget(mine.keySet());
                    p.commitTransaction();
                    dropped.add("committed positions in " + settings.offsetsTopic());
                }
            }
        } catch (KafkaUnavailableException e) {
            log.warn("the slot is dropped, but Kafka is unreachable, so the positions in {} stay; the next capture"
                    + " notices the slot is gone and takes a fresh snapshot", settings.offsetsTopic());
        } catch (Exception e) {
            throw new CaptureException(CaptureException.Reason.FAILED, "slot dropped, but the positions in "
                    + settings.offsetsTopic() + " could not be cleared: " + e.getMessage(), e);
        }
        return dropped;
    }

    @Override
    public Optional<CaptureException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    protected void work(int worker) throws Exception {
        failure = null;
        try {
            capture();
        } catch (CaptureException e) {
            failure = e;
            throw e;
        }
    }

    private void capture() throws Exception {
        PostgresCaptureSetup setup = new PostgresCaptureSetup(db, slot, settings.publicationName());
        setStatus(StageState.STARTING, "checking the database and Kafka");
        // Kafka's check and topics on their own thread while the database is checked: the two waits overlap, so the
        // snapshot starts sooner after launch
        java.util.concurrent.CompletableFuture<Void> kafkaReady = new java.util.concurrent.CompletableFuture<>();
        Thread kafkaPrep = new Thread(() -> {
            try {
                prepareKafka();
                kafkaReady.complete(null);
            } catch (Throwable t) {
                kafkaReady.completeExceptionally(t);
            }
        }, "flowdeck-capture-kafka-prep");
        kafkaPrep.setDaemon(true);
        kafkaPrep.start();
        // a database refusal is reported at once; the Kafka thread ends by itself within its timeouts (at worst it
        // leaves the empty topics, which the next start uses)
        List<TableCatalog.TableInfo> tables = setup.check(settings.tables());
        claim = setup.claim();
        List<TableId> names = tables.stream().map(TableCatalog.TableInfo::id).collect(Collectors.toList());
        try {
            kafkaReady.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        if (stopping()) {
            return;
        }
        offsets = new CaptureOffsets(engineName + "-" + System.identityHashCode(this), settings.offsetsTopic());
        offsets.load(kafka, KAFKA_TIMEOUT);
        Map<ByteBuffer, ByteBuffer> mine = offsets.committedOf(engineName);
        PostgresCaptureSetup.SlotState slotState = setup.slotState();
        boolean fresh = mine.isEmpty();
        if (!fresh && !slotState.exists()) {
            log.warn("replication slot {} is gone (dropped outside Flowdeck?): changes since the last run cannot be read;"
                    + " taking a fresh snapshot", slot);
            fresh = true;
        }
        if (!fresh && !setup.publishedTables().equals(PostgresCaptureSetup.names(names))) {
            throw new CaptureException(CaptureException.Reason.UNSUPPORTED, "the capture of slot '" + slot + "' covers "
                    + setup.publishedTables() + ", but " + PostgresCaptureSetup.names(names) + " were asked for. Run the"
                    + " same command with --release first to start over (a fresh snapshot of the new tables), or capture"
                    + " the same tables");
        }
        if (fresh && slotState.exists()) {
            // no committed position: nothing of the old slot is needed, and a new slot gives the snapshot its exact start
            setup.dropSlot();
        }
        setup.prepare(names);
        producer = newProducer(fresh ? SNAPSHOT_TRANSACTION_TIMEOUT_MS : 60_000);
        producer.initTransactions(); // fences an earlier run of this capture and aborts its open transaction
        if (fresh && !mine.isEmpty()) {
            producer.beginTransaction();
            offsets.transactionBegun(producer);
            offsets.forget(mine.keySet());
            producer.commitTransaction();
            offsets.transactionCommitted();
        }
        for (TableCatalog.TableInfo t : tables) {
            TableCaptureStats s = statsFor(t.id());
            if (fresh) {
                s.snapshotStarted(Math.max(0, t.rowEstimate()));
            } else {
                s.snapshotCompleted();
            }
        }
        snapshotOpen = fresh;
        if (stopping()) {
            return;
        }
        offsets.register();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> e = DebeziumEngine.create(ChangeEventFormat.of(io.debezium.embedded.Connect.class))
                .using(engineProperties(names))
                .using(OffsetCommitPolicy.always())
                .using((success, message, error) -> {
                    if (!success) {
                        engineError = error != null ? error : new IllegalStateException(message);
                    }
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        setStatus(StageState.RUNNING, snapshotOpen ? "taking the initial snapshot" : "streaming from slot " + slot);
                    }
                })
                .notifying(this::handleBatch)
                .build();
        engine.set(e);
        if (stopping()) {
            return;
        }
        e.run(); // returns when closed or failed
        engine.set(null);
        Throwable error = engineError;
        if (error != null && !stopping()) {
            throw new CaptureException(CaptureException.Reason.FAILED, "capture stopped: " + rootMessage(error), error);
        }
    }

    /** Checks Kafka answers, then makes the offsets topic and one topic per table, in one request. */
    private void prepareKafka() throws Exception {
        try {
            KafkaProbe.check(kafka, KAFKA_TIMEOUT);
        } catch (KafkaUnavailableException e) {
            throw new CaptureException(CaptureException.Reason.BROKER_UNREACHABLE, e.getMessage(), e);
        }
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-capture-admin")) {
            List<Topics.Spec> topics = new java.util.ArrayList<>();
            topics.add(new Topics.Spec(settings.offsetsTopic(), 1, Map.of("cleanup.policy", "compact")));
            stats.forEach(s -> topics.add(new Topics.Spec(s.topic(), 1, Map.of())));
            Topics.ensureAll(admin, topics, KAFKA_TIMEOUT);
        }
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        if (!transactionOpen) {
            producer.beginTransaction();
            offsets.transactionBegun(producer);
            transactionOpen = true;
        }
        boolean snapshotEnds = false;
        long lastLsn = -1;
        for (RecordChangeEvent<SourceRecord> r : records) {
            SourceRecordEnvelope.Change c = SourceRecordEnvelope.of(r.record());
            if (c != null) {
                TableCaptureStats s = statsFor(c.table());
                for (ProducerRecord<byte[], byte[]> pr : envelope.records(s.topic(), c.key(), c.op(), c.before(), c.after(),
                        c.source(), c.tsMs())) {
                    producer.send(pr, (md, ex) -> {
                        if (ex != null) {
                            sendError = ex;
                        }
                    });
                }
                if (c.op() == ChangeOp.READ) {
                    s.published(ChangeOp.READ, 1, c.source().commitTsMs(), System.currentTimeMillis());
                    snapshotEnds |= ChangeSource.LAST_IN_SNAPSHOT.equals(c.source().snapshot());
                } else {
                    pendingCounts.computeIfAbsent(s, k -> new EnumMap<>(ChangeOp.class)).merge(c.op(), 1L, Long::sum);
                    pendingCommitTs.put(s, c.source().commitTsMs());
                    snapshotEnds = true;
                }
                lastLsn = Math.max(lastLsn, c.source().position());
            }
            committer.markProcessed(r);
        }
        committer.markBatchFinished(); // Debezium hands the batch's offsets to CaptureOffsets: into this transaction
        if (sendError != null) {
            throw new KafkaException("a change could not be sent to Kafka: " + sendError.getMessage(), sendError);
        }
        if (snapshotOpen && !snapshotEnds) {
            return; // the snapshot's rows stay in one transaction until its last row
        }
        producer.commitTransaction();
        long now = System.currentTimeMillis();
        offsets.transactionCommitted();
        transactionOpen = false;
        if (snapshotOpen) {
            snapshotOpen = false;
            stats.forEach(TableCaptureStats::snapshotCompleted);
            setStatus(StageState.RUNNING, "streaming from slot " + slot);
        }
        pendingCounts.forEach((s, counts) -> counts.forEach((op, n) -> s.published(op, n, pendingCommitTs.get(s), now)));
        pendingCounts.clear();
        pendingCommitTs.clear();
        if (lastLsn >= 0) {
            committedPosition = "LSN " + Long.toHexString(lastLsn >>> 32).toUpperCase() + "/"
                    + Long.toHexString(lastLsn & 0xFFFFFFFFL).toUpperCase();
        }
    }

    private TableCaptureStats statsFor(TableId table) {
        TableCaptureStats s = statsByTable.get(table);
        if (s == null) {
            s = stats.stream().filter(x -> x.table().sameIgnoringCase(table)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("a change of " + table + ", which is not captured"));
            statsByTable.put(table, s);
        }
        return s;
    }

    private Properties engineProperties(List<TableId> tables) {
        Properties url = PostgresCaptureSetup.urlParts(db);
        Properties p = new Properties();
        p.setProperty("name", engineName);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", TransactionalOffsetBackingStore.class.getName());
        p.setProperty(TransactionalOffsetBackingStore.REGISTRY_KEY, offsets.registryKey());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.flush.timeout.ms", "30000");
        p.setProperty("database.hostname", url.getProperty("PGHOST", "localhost"));
        p.setProperty("database.port", url.getProperty("PGPORT", "5432"));
        p.setProperty("database.dbname", url.getProperty("PGDBNAME"));
        p.setProperty("database.user", db.user());
        p.setProperty("database.password", db.password());
        if (url.getProperty("sslmode") != null) {
            p.setProperty("database.sslmode", url.getProperty("sslmode"));
        }
        p.setProperty("driver.connectTimeout", "5");
        p.setProperty("driver.ApplicationName", "flowdeck-capture");
        p.setProperty("topic.prefix", settings.topicPrefix());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", settings.publicationName());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", tables.stream()
                .map(t -> t.schema().replace("$", "\\$") + "\\." + t.table().replace("$", "\\$"))
                .collect(Collectors.joining(",")));
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false"); // ChangeEnvelope writes them, switchable
        p.setProperty("poll.interval.ms", Long.toString(settings.pollInterval().toMillis()));
        p.setProperty("max.batch.size", "8192");
        p.setProperty("max.queue.size", "32768");
        p.setProperty("snapshot.fetch.size", "10000");
        // idle captured tables while others are written: a heartbeat carries the slot's position forward so it does
        // not hold WAL back (its offset goes through the same transactional store; its record is not published)
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("slot.drop.on.stop", "false");
        // bad input is checked before the engine starts; a failure after that is reported, not retried forever
        p.setProperty("errors.max.retries", "0");
        p.setProperty("converter.schemas.enable", "false");
        return p;
    }

    private KafkaProducer<byte[], byte[]> newProducer(int transactionTimeoutMs) {
        Map<String, Object> c = KafkaClients.transactionalProducer(kafka, "flowdeck-capture-" + slot);
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void stop() {
        closeEngine();
        super.stop();
    }

    /** Debezium refuses close() while its tasks start, and throws once it has stopped (e.g. after a failure). */
    private void closeEngine() {
        long deadline = System.nanoTime() + ENGINE_CLOSE_WAIT.toNanos();
        while (true) {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> e = engine.get();
            if (e == null) {
                return;
            }
            try {
                e.close();
                return;
            } catch (IllegalStateException ex) {
                String m = String.valueOf(ex.getMessage());
                if (m.contains("already") || System.nanoTime() > deadline) {
                    return; // stopping or stopped already
                }
                try {
                    Thread.sleep(100); // tasks are starting; Debezium offers no signal for their end
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (Exception ex) {
                log.warn("closing the capture engine: {}", ex.getMessage());
                return;
            }
        }
    }

    @Override
    protected void cleanUp(int worker) {
        if (producer != null) {
            if (transactionOpen) {
                try {
                    producer.abortTransaction(); // an unfinished snapshot or batch: none of it becomes visible
                } catch (ProducerFencedException e) {
                    log.warn("another capture of slot {} took over", slot);
                } catch (KafkaException e) {
                    log.debug("abort after failure: {}", e.getMessage());
                }
                transactionOpen = false;
                if (offsets != null) {
                    offsets.transactionAborted();
                }
                if (snapshotOpen) {
                    stats.forEach(TableCaptureStats::snapshotAborted);
                }
            }
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (offsets != null) {
            offsets.unregister();
        }
        if (claim != null) {
            try {
                claim.close(); // releases the slot's advisory lock
            } catch (java.sql.SQLException e) {
                log.debug("closing the slot's claim: {}", e.getMessage());
            }
            claim = null;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }
}
