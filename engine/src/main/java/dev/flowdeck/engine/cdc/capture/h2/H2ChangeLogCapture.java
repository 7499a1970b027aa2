package dev.flowdeck.engine.cdc.capture.h2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.cdc.IdLogCursor;
import dev.flowdeck.engine.cdc.OffsetRecovery;
import dev.flowdeck.engine.cdc.OffsetState;
import dev.flowdeck.engine.cdc.OffsetStore;
import dev.flowdeck.engine.cdc.capture.CaptureException;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;
import dev.flowdeck.engine.cdc.capture.ChangeOp;
import dev.flowdeck.engine.cdc.capture.ChangeSource;
import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import dev.flowdeck.engine.cdc.capture.TableCatalog;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.H2SessionHorizon;
import dev.flowdeck.engine.db.WriterSnapshot;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.KafkaDeadline;
import dev.flowdeck.engine.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Captures inserts, updates and deletes of chosen H2 tables into one topic per table, exactly once, in the
 * {@link ChangeEnvelope} format.
 *
 * <ol>
 *   <li><b>Install.</b> The {@link ChangeLogTrigger} goes on each chosen table (kept between runs, like PostgreSQL's
 *       replication slot; {@link #release()} removes it). When a trigger is new, the capture waits until every session
 *       that was writing or running a statement has ended its transaction, so no change escapes both the trigger and
 *       the snapshot.</li>
 *   <li><b>Snapshot.</b> One {@code SNAPSHOT}-isolation transaction reads every chosen table (op {@code r}) and the
 *       ids of the change log it can see. Those ids are the changes the snapshot already holds: they start the
 *       offset state as "published", so each change is either in the snapshot or streamed after it, never both and
 *       never neither, whatever commits meanwhile. The whole snapshot and that state are one Kafka transaction (as
 *       {@code PostgresLogCapture} does): a crash or stop before its commit publishes none of its rows, and the next
 *       start takes the snapshot again, so its {@code r} events reach readers exactly once.</li>
 *   <li><b>Stream.</b> The change log is read by {@link IdLogCursor}, the CDC poller's watermark-and-gaps reader, each
 *       poll in one snapshot transaction (so a change is never published before an earlier change to the same row);
 *       gaps are settled by {@link H2SessionHorizon}. Each batch of events and the offset state go in one Kafka
 *       transaction; a restart, also after {@code kill -9}, resumes from what Kafka committed. Rows at or below the
 *       watermark are pruned from the log.</li>
 * </ol>
 */
public final class H2ChangeLogCapture extends WorkerStage implements CaptureSource {
    public static final String SEQ_HEADER = "flowdeck.seq";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final int BATCH = 2_000;
    private static final int PARTITIONS = 3;
    private static final long PRUNE_EVERY_MS = 1_000;
    private static final Duration WRITERS_WAIT = Duration.ofSeconds(30);

    private final Database db;
    private final dev.flowdeck.engine.config.KafkaSettings kafka;
    private final CaptureSettings settings;
    private final ChangeEnvelope envelope;
    private final String connector;
    private final byte[] connectorBytes;
    private final Map<TableId, TableCaptureStats> stats = new LinkedHashMap<>();
    private final IdLogCursor cursor = new IdLogCursor();
    private final H2SessionHorizon horizon = new H2SessionHorizon(false);

    /** Each event partition's key in the offset state's positions, and the ends of what this session published. */
    private final Map<TopicPartition, Integer> slots = new ConcurrentHashMap<>();
    private final Map<Integer, Long> ends = new ConcurrentHashMap<>();
    private volatile OffsetState state;
    private volatile String position;
    private volatile CaptureException failure;
    private KafkaProducer<byte[], byte[]> producer;
    private Connection connection;
    private List<TableId> tables;
    private String dbName;
    private long lastPrune;

    public H2ChangeLogCapture(Database db, dev.flowdeck.engine.config.KafkaSettings kafka, CaptureSettings settings) {
        super(dev.flowdeck.engine.StageId.of("capture-h2", "Capture (H2)"));
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.envelope = new ChangeEnvelope(settings.tombstones());
        this.connector = connectorName(db, settings);
        this.connectorBytes = connector.getBytes(StandardCharsets.UTF_8);
        for (TableId t : settings.tables()) {
            stats.put(t, new TableCaptureStats(t, settings.topicOf(t)));
        }
    }

    /** Names this capture in the offsets topic and its transactional id: the database, the tables and the prefix. */
    static String connectorName(Database db, CaptureSettings settings) {
        String what = CdcPoller.connectorName(db.settings()) + "|" + settings.topicPrefix() + "|"
                + settings.tables().stream().map(TableId::toString).sorted().collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return "capture-h2-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String transactionalId() {
        return "flowdeck-" + connector;
    }

    private String snapshotKey() {
        return connector + "/snapshot";
    }

    @Override
    public CaptureSettings settings() {
        return settings;
    }

    @Override
    public List<TableCaptureStats> tableStats() {
        return List.copyOf(stats.values());
    }

    @Override
    public Optional<CaptureException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Optional<String> committedPosition() {
        return Optional.ofNullable(position);
    }

    @Override
    public String retainedResource() {
        return "change-log triggers on " + settings.tables().stream().map(TableId::toString).collect(Collectors.joining(", "))
                + " (changes wait in " + ChangeLog.TABLE + " until captured)";
    }

    @Override
    protected void work(int worker) throws Exception {
        failure = null;
        long failures = 0;
        while (!stopping()) {
            try {
                if (connection == null) {
                    connection = db.open();
                    try (Statement st = connection.createStatement()) {
                        st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                    }
                    tables = resolve(connection);
                }
                if (producer == null) {
                    openSession(failures == 0);
                }
                boolean full = pollOnce();
                failures = 0;
                setStatus(StageState.RUNNING, "capturing " + tables.size() + " table(s) to " + settings.topicPrefix() + ".*");
                if (!full) {
                    pause(settings.pollInterval().toMillis());
                }
            } catch (SnapshotStopped e) {
                return; // stopped mid-snapshot: nothing of it was committed
            } catch (CaptureException e) {
                failure = e;
                throw e; // bad input: a retry would fail the same way
            } catch (SQLException e) {
                failures++;
                closeConnection();
                setStatus(StageState.DEGRADED, db.describeFailure(e) + " Paused; retrying.");
                backOff(backoff(failures));
            } catch (KafkaException | ExecutionException | TimeoutException | IllegalStateException e) {
                failures++;
                closeSession();
                setStatus(StageState.DEGRADED, "Kafka at " + kafka.bootstrapServers() + " is unavailable ("
                        + e.getMessage() + "). Paused with nothing buffered; resumes by itself.");
                backOff(backoff(failures));
            }
        }
    }

    @Override
    protected void cleanUp(int worker) {
        closeSession();
        closeConnection();
    }

    private static long backoff(long failures) {
        return Math.min(5_000, 200L * failures);
    }

    private List<TableId> resolve(Connection c) throws SQLException {
        List<TableId> out = new ArrayList<>();
        for (TableCatalog.TableInfo t : TableCatalog.resolve(c, settings.tables())) {
            out.add(t.id());
        }
        return out;
    }

    /**
     * Topics, a transactional producer (fencing a predecessor), the committed state; and the install and snapshot if
     * this capture has not completed one.
     */
    private void openSession(boolean firstAttempt) throws Exception {
        if (firstAttempt) {
            setStatus(StageState.STARTING, "connecting to Kafka at " + kafka.bootstrapServers());
        }
        List<String> topics = settings.tables().stream().map(settings::topicOf).toList();
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-capture-admin")) {
            Duration timeout = Duration.ofSeconds(30);
            List<Topics.Spec> specs = new ArrayList<>();
            topics.forEach(topic -> specs.add(new Topics.Spec(topic, PARTITIONS, Map.of())));
            specs.add(new Topics.Spec(settings.offsetsTopic(), 1, OffsetStore.TOPIC_CONFIG));
            Topics.ensureAll(admin, specs, timeout);
            List<TopicPartition> partitions = OffsetRecovery.eventPartitions(admin, topics);
            slots.clear();
            for (int i = 0; i < partitions.size(); i++) {
                slots.put(partitions.get(i), i);
            }
        }
        producer = new KafkaProducer<>(KafkaClients.transactionalProducer(kafka, transactionalId()),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        TopicPartition offsets = new TopicPartition(settings.offsetsTopic(), 0);
        OffsetState recovered = OffsetRecovery.recover(kafka, connector, transactionalId(), topics, offsets,
                r -> seqOf(r.headers().lastHeader(SEQ_HEADER)), KafkaDeadline.of(kafka, OffsetStore.READ_LIMIT, this::stopping));
        cursor.reset();
        ends.clear();
        ends.putAll(recovered.positions());
        dbName = connection.getCatalog();
        boolean snapshotDone = OffsetStore.loadLatest(kafka, offsets, Set.of(snapshotKey()),
                KafkaDeadline.of(kafka, OffsetStore.READ_LIMIT, this::stopping)).containsKey(snapshotKey());
        boolean newTrigger = ChangeLog.install(connection, tables);
        if (snapshotDone && !newTrigger) {
            state = recovered;
            stats.values().forEach(TableCaptureStats::snapshotCompleted);
            log.info("capture {} resuming after change {} ({} ranges above it)", connector, recovered.watermark(),
                    recovered.published().rangeCount());
        } else {
            if (newTrigger) {
                awaitEarlierWriters();
            }
            state = snapshot(offsets);
        }
        position = "change log seq " + state.maxPublished();
    }

    private static long seqOf(Header h) {
        return h == null || h.value().length != Long.BYTES ? -1 : ByteBuffer.wrap(h.value()).getLong();
    }

    /**
     * Waits until every session that was writing (or running a statement) when the triggers went in has ended that
     * transaction: a change it made before the trigger existed is then in the snapshot.
     */
    private void awaitEarlierWriters() throws SQLException {
        H2SessionHorizon running = new H2SessionHorizon(true);
        Set<Integer> pending = new java.util.HashSet<>(H2SessionHorizon.sessionsOf(running.observe(connection)));
        long deadline = System.nanoTime() + WRITERS_WAIT.toNanos();
        while (!pending.isEmpty() && !stopping()) {
            if (System.nanoTime() > deadline) {
                throw new CaptureException(CaptureException.Reason.FAILED, "H2 sessions " + pending + " kept a"
                        + " transaction open for " + WRITERS_WAIT.toSeconds() + " s after the capture triggers were"
                        + " installed; the snapshot cannot start until they commit or roll back. End them and start again.");
            }
            setStatus(StageState.STARTING, "waiting for " + pending.size() + " open transaction(s) to end before the snapshot");
            pending.retainAll(H2SessionHorizon.sessionsOf(running.observe(connection)));
            backOff(5);
        }
    }

    /** The snapshot of every chosen table and the change-log ids it holds, published; returns the committed state. */
    private OffsetState snapshot(TopicPartition offsets) throws SQLException {
        setStatus(StageState.STARTING, "snapshot of " + tables.size() + " table(s)");
        try (Connection snap = db.open()) {
            snap.setAutoCommit(false);
            try (Statement st = snap.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            try {
                dbName = snap.getCatalog();
                Map<TableId, Long> totals = new LinkedHashMap<>();
                for (TableId t : tables) {
                    try (Statement st = snap.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                        rs.next();
                        totals.put(t, rs.getLong(1));
                    }
                }
                var held = ChangeLog.visibleIds(snap);
                totals.forEach((t, n) -> statsFor(t).snapshotStarted(n));
                long rows = 0;
                Map<Integer, Long> begin = new TreeMap<>(ends);
                producer.beginTransaction();
                List<Pending> batch = new ArrayList<>();
                for (int i = 0; i < tables.size(); i++) {
                    TableId t = tables.get(i);
                    List<String> key = TableCatalog.resolve(snap, List.of(t)).get(0).primaryKey();
                    try (Statement st = snap.createStatement()) {
                        st.setFetchSize(BATCH);
                        try (ResultSet rs = st.executeQuery("SELECT * FROM " + t + " ORDER BY " + String.join(", ", key))) {
                            ResultSetMetaData md = rs.getMetaData();
                            while (rs.next()) {
                                Map<String, Object> after = new LinkedHashMap<>();
                                for (int c = 1; c <= md.getColumnCount(); c++) {
                                    after.put(md.getColumnLabel(c), rs.getObject(c));
                                }
                                Map<String, Object> k = new LinkedHashMap<>();
                                key.forEach(col -> k.put(col, after.get(col)));
                                batch.add(new Pending(t, k, after));
                                rows++;
                                if (batch.size() >= BATCH) {
                                    if (stopping()) {
                                        throw new SnapshotStopped();
                                    }
                                    publishSnapshot(batch, null, null);
                                    batch.clear();
                                }
                            }
                        }
                    }
                }
                OffsetState start = new OffsetState(0, held, rows, Map.of());
                publishSnapshot(batch, offsets, start.withPositions(begin));
                producer.commitTransaction();
                stats.values().forEach(TableCaptureStats::snapshotCompleted);
                log.info("capture {}: snapshot of {} rows in {} table(s); {} changes already in it", connector, rows,
                        tables.size(), held.isEmpty() ? 0 : held.format());
                return start;
            } catch (RuntimeException | SQLException e) {
                abortQuietly(); // an interrupted snapshot publishes nothing; the next start takes it again
                stats.values().forEach(TableCaptureStats::snapshotAborted);
                throw e;
            } finally {
                snap.rollback();
            }
        }
    }

    /** The capture was stopped in the middle of its snapshot. */
    private static final class SnapshotStopped extends RuntimeException {
        SnapshotStopped() {
            super("stopped during the snapshot", null, false, false);
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            log.debug("aborting the snapshot's transaction: {}", e.getMessage());
        }
    }

    private record Pending(TableId table, Map<String, Object> key, Map<String, Object> after) {
    }

    /**
     * Sends snapshot rows inside the snapshot's open Kafka transaction; with {@code done}, also the offset state the
     * stream starts from and the record that the snapshot is complete. The caller commits.
     */
    private void publishSnapshot(List<Pending> rows, TopicPartition offsets, OffsetState done) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < rows.size(); i++) {
            Pending p = rows.get(i);
            String flag = done != null && i == rows.size() - 1 ? ChangeSource.LAST_IN_SNAPSHOT : ChangeSource.IN_SNAPSHOT;
            ChangeSource source = new ChangeSource(version(), "h2", settings.topicPrefix(), dbName, p.table().schema(),
                    p.table().table(), "seq", 0, null, now, flag);
            for (ProducerRecord<byte[], byte[]> r : envelope.records(settings.topicOf(p.table()), p.key(), ChangeOp.READ,
                    null, p.after(), source, now)) {
                r.headers().add(new RecordHeader(OffsetRecovery.CONNECTOR_HEADER, connectorBytes));
                send(r);
            }
        }
        if (done != null) {
            producer.send(bytesKeyed(OffsetStore.record(offsets.topic(), connector, done)));
            producer.send(new ProducerRecord<>(offsets.topic(), snapshotKey().getBytes(StandardCharsets.UTF_8),
                    ("{\"rows\":" + done.eventsPublished() + "}").getBytes(StandardCharsets.UTF_8)));
        }
        // progress of the open transaction (the Sources page's bar); snapshotAborted() takes it back if it never commits
        rows.stream().collect(Collectors.groupingBy(Pending::table, Collectors.counting()))
                .forEach((t, n) -> statsFor(t).published(ChangeOp.READ, n, now, now));
    }

    private void send(ProducerRecord<byte[], byte[]> r) {
        producer.send(r, (meta, error) -> {
            if (error == null) {
                Integer slot = slots.get(new TopicPartition(meta.topic(), meta.partition()));
                if (slot != null) {
                    ends.merge(slot, meta.offset() + 1, Math::max);
                }
            }
        });
    }

    private TableCaptureStats statsFor(TableId t) {
        return stats.entrySet().stream().filter(e -> e.getKey().sameIgnoringCase(t)).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    private static String version() {
        String v = H2ChangeLogCapture.class.getPackage().getImplementationVersion();
        return "flowdeck-" + (v == null ? "dev" : v);
    }

    /** One poll of the change log in one snapshot transaction; true if the batch was full. */
    private boolean pollOnce() throws SQLException {
        OffsetState current = state;
        WriterSnapshot writers = horizon.observe(connection);
        IdLogCursor.Step<ChangeLog.Entry> step;
        connection.setAutoCommit(false);
        try {
            step = cursor.next(current, writers, BATCH, ChangeLog.reader(connection), ChangeLog.Entry::id);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        OffsetState next = step.next();
        if (step.changes(current)) {
            next = next.withPositions(publishChanges(step.rows(), next));
        }
        state = next;
        cursor.committed(current, next);
        position = "change log seq " + next.maxPublished();
        pruneNowAndThen(next.watermark());
        return step.full();
    }

    /** Publishes the changes of the chosen tables and the new state in one transaction; returns the positions after it. */
    private Map<Integer, Long> publishChanges(List<ChangeLog.Entry> entries, OffsetState next) {
        long now = System.currentTimeMillis();
        Map<TableId, Map<ChangeOp, long[]>> counts = new LinkedHashMap<>();
        producer.beginTransaction();
        for (ChangeLog.Entry e : entries) {
            Optional<TableId> table = tables.stream().filter(t -> t.sameIgnoringCase(e.table())).findFirst();
            if (table.isEmpty()) {
                continue; // another capture's table: its id is accounted for, its events are not ours
            }
            ChangeOp op = ChangeOp.ofCode(e.op());
            long commitMs = e.changedAtMicros() / 1000;
            ChangeSource source = new ChangeSource(version(), "h2", settings.topicPrefix(), dbName, e.table().schema(),
                    e.table().table(), "seq", e.id(), e.txId(), commitMs, ChangeSource.STREAMING);
            byte[] seq = ByteBuffer.allocate(Long.BYTES).putLong(e.id()).array();
            for (ProducerRecord<byte[], byte[]> r : envelope.records(settings.topicOf(table.get()), parse(e.key()), op,
                    parse(e.before()), parse(e.after()), source, now)) {
                r.headers().add(new RecordHeader(OffsetRecovery.CONNECTOR_HEADER, connectorBytes));
                r.headers().add(new RecordHeader(SEQ_HEADER, seq));
                send(r);
            }
            long[] c = counts.computeIfAbsent(table.get(), t -> new java.util.EnumMap<>(ChangeOp.class))
                    .computeIfAbsent(op, o -> new long[2]);
            c[0]++;
            c[1] = Math.max(c[1], commitMs);
        }
        producer.send(bytesKeyed(OffsetStore.record(settings.offsetsTopic(), connector, next)));
        producer.commitTransaction();
        long published = System.currentTimeMillis();
        counts.forEach((t, byOp) -> byOp.forEach((op, c) -> statsFor(t).published(op, c[0], c[1], published)));
        Map<Integer, Long> positions = new TreeMap<>(next.positions());
        positions.putAll(ends);
        return positions;
    }

    private static ProducerRecord<byte[], byte[]> bytesKeyed(ProducerRecord<String, byte[]> r) {
        return new ProducerRecord<>(r.topic(), r.partition(), r.key().getBytes(StandardCharsets.UTF_8), r.value());
    }

    private static Map<String, Object> parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable change-log row: " + json, e);
        }
    }

    private void pruneNowAndThen(long watermark) {
        long now = System.currentTimeMillis();
        if (now - lastPrune < PRUNE_EVERY_MS) {
            return;
        }
        lastPrune = now;
        try {
            try (Database.Writing serial = db.writing()) {
                ChangeLog.prune(connection, tables, watermark);
            }
        } catch (SQLException e) {
            log.debug("could not prune the change log: {}", e.getMessage());
        }
    }

    /**
     * Drops the triggers and this capture's rows in the change log, and forgets its committed state, so that a later
     * start snapshots again. Call when stopped.
     */
    @Override
    public void release() {
        if (isAlive()) {
            throw new IllegalStateException("stop the capture before releasing it");
        }
        try (Connection c = db.open()) {
            ChangeLog.uninstall(c, settings.tables());
        } catch (SQLException e) {
            throw new CaptureException(CaptureException.Reason.DATABASE_UNREACHABLE, db.describeFailure(e), e);
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(KafkaClients.transactionalProducer(kafka, transactionalId()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(settings.offsetsTopic(), connector.getBytes(StandardCharsets.UTF_8), null));
            p.send(new ProducerRecord<>(settings.offsetsTopic(), snapshotKey().getBytes(StandardCharsets.UTF_8), null));
            p.commitTransaction();
        } catch (KafkaException e) {
            throw new CaptureException(CaptureException.Reason.BROKER_UNREACHABLE, "the triggers are gone, but the"
                    + " capture's position could not be cleared in Kafka at " + kafka.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
        state = null;
        position = null;
    }

    private void closeSession() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing the capture producer: {}", e.toString());
            }
            producer = null;
        }
    }

    private void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }
}
