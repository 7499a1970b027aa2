package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.ChangeNotifications;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.WriterSnapshot;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every committed {@code livedb} row exactly once, as a JSON {@link ChangeEvent} keyed by id.
 *
 * <p><b>How no row is missed.</b> Ids are allocated when a row is inserted, but rows become visible when their
 * transaction commits, so commits can arrive out of id order and a rolled-back transaction leaves a gap forever.
 * The poller therefore never assumes "everything below the highest id seen is done". It keeps an
 * {@link OffsetState}: a watermark below which every id is settled, and the set of ids published above it. Each poll
 * reads the rows above the highest published id and re-reads the gaps below it. A gap is declared final only when
 * the database's {@linkplain dev.flowdeck.engine.db.VisibilityHorizon visibility horizon} shows that every
 * transaction that could still fill it has ended (PostgreSQL: the holders of write locks on the table; H2: the
 * in-process write fence). A transaction left open for minutes holds the watermark back, never the rows after it.
 *
 * <p><b>How none is published twice.</b> Each batch of events and the new offset state are written in one Kafka
 * transaction. After any failure, or a kill and restart, a new producer with the same transactional id fences the
 * old one and aborts what it left open, and the state is reloaded from what Kafka committed. Readers use
 * {@code read_committed}.
 *
 * <p><b>Latency.</b> After a full batch it polls again at once; otherwise it waits for the poll interval, cut short
 * by {@link #wake()}: the burst writer calls it after each commit, and on PostgreSQL a LISTEN on the table's insert
 * notifications does for rows written by other programs (a hint only).
 */
public final class CdcPoller extends WorkerStage {
    /** How long a timed-out commit is retried before the session is started again; below the transaction timeout. */
    private static final Duration COMMIT_RETRY_LIMIT = Duration.ofSeconds(40);
    private static final String COLUMNS = "id, org, amount, region, created_at";
    private static final long MIRROR_EVERY_MS = 1_000;

    private final Database db;
    private final KafkaSettings kafka;
    private final PipelineSettings settings;
    private final StageCounters counters;
    private final LatencyRecorder captureLatency;
    private final String connector;
    private final byte[] connectorBytes;

    private final IdLogCursor cursor = new IdLogCursor();
    private volatile OffsetState state = OffsetState.START;
    private volatile long firstPublishMillis = -1;
    private KafkaProducer<String, byte[]> producer;
    private Connection connection;
    private ChangeNotifications notifications;
    private String topic;
    private long lastMirror;

    private record Row(long id, String org, BigDecimal amount, String region, long createdAtMicros) {
    }

    public CdcPoller(Database db, KafkaSettings kafka, PipelineSettings settings, StageCounters counters,
                     LatencyRecorder captureLatency) {
        super(StageId.POLLER);
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.counters = counters;
        this.captureLatency = captureLatency;
        this.connector = connectorName(db.settings());
        this.connectorBytes = connector.getBytes(StandardCharsets.UTF_8);
    }

    /** A stable name per source database: the key of its offset record and the base of its transactional id. */
    public static String connectorName(DbSettings db) {
        String url = db.jdbcUrl();
        int params = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        String base = params < 0 ? url : url.substring(0, params);
        // The schema is part of the source's identity; connection options (sslmode, timeouts) are not.
        java.util.regex.Matcher schema = java.util.regex.Pattern.compile("[?&;](?i:currentSchema)=([^&;]+)").matcher(url);
        if (schema.find()) {
            base = base + "#" + schema.group(1);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
            return "livedb-" + (db.isPostgres() ? "pg" : "h2") + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String connector() {
        return connector;
    }

    private String transactionalId() {
        return "flowdeck-cdc-" + connector;
    }

    /** The last committed offset state (what Kafka holds). */
    public OffsetState offsetState() {
        return state;
    }

    /** Wall-clock millis of the first acknowledged publish of this run, or -1. */
    public long firstPublishMillis() {
        return firstPublishMillis;
    }

    @Override
    protected void work(int worker) throws Exception {
        long failures = 0;
        notifications = ChangeNotifications.startFor(db, this::wake);
        while (!stopping()) {
            try {
                if (producer == null) {
                    openSession(failures == 0);
                }
                if (connection == null) {
                    connection = db.open();
                }
                boolean full = pollOnce();
                failures = 0;
                setStatus(StageState.RUNNING, "publishing to " + topic);
                if (!full) {
                    pause(settings.pollIntervalMs());
                }
            } catch (SQLException e) {
                failures++;
                counters.error();
                closeConnection();
                setStatus(StageState.DEGRADED, db.describeFailure(e) + " Paused; retrying.");
                backOff(backoff(failures));
            } catch (KafkaException | ExecutionException | TimeoutException | IllegalStateException e) {
                failures++;
                counters.error();
                closeSession();
                setStatus(StageState.DEGRADED, kafkaTrouble(e));
                backOff(backoff(failures));
            }
        }
    }

    @Override
    protected void cleanUp(int worker) {
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
        closeSession();
        closeConnection();
    }

    private static long backoff(long failures) {
        return Math.min(5_000, 200L * failures);
    }

    /** What a Kafka failure means for the user; fencing is not an outage and does not end by itself. */
    String kafkaTrouble(Exception e) {
        if (fencedByAnother(e)) {
            return "another program publishes this database's rows to " + topic + " with the same transactional id ("
                    + transactionalId() + "): a second Flowdeck on the same database and Kafka. Each takes over from the "
                    + "other and neither makes progress. Stop one of them. Paused with nothing buffered; retrying.";
        }
        return "Kafka at " + kafka.bootstrapServers() + " is unavailable (" + reason(e)
                + "). Paused with nothing buffered; resumes by itself.";
    }

    static boolean fencedByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.ProducerFencedException
                    || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Creates the topics if missing, starts a transactional producer (fencing any predecessor and aborting what it
     * left open), then loads the committed offset state.
     */
    private void openSession(boolean firstAttempt) throws ExecutionException, InterruptedException, TimeoutException {
        if (firstAttempt) {
            setStatus(StageState.STARTING, "connecting to Kafka at " + kafka.bootstrapServers());
        }
        topic = settings.topic();
        ensureTopics(kafka, settings);
        producer = new KafkaProducer<>(KafkaClients.transactionalProducer(kafka, transactionalId()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        state = OffsetRecovery.recover(kafka, connector, transactionalId(), topic);
        log.info("CDC {} publishing to {}; resuming after id {} ({} ranges above it)", connector, topic,
                state.watermark(), state.published().rangeCount());
    }

    /** Creates the change-event topic and the offset topic if missing, and waits until they are served. */
    public static void ensureTopics(KafkaSettings kafka, PipelineSettings settings)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-cdc-admin")) {
            Duration timeout = Duration.ofSeconds(30);
            long retentionMs = settings.retention().topicRetentionMs();
            Topics.ensure(admin, settings.topic(), settings.partitions(), settings.replicationFactor(),
                    Map.of("retention.ms", Long.toString(retentionMs)), timeout);
            Topics.alignRetention(admin, settings.topic(), retentionMs, timeout);
            Topics.ensure(admin, OffsetStore.TOPIC, 1, settings.replicationFactor(), OffsetStore.TOPIC_CONFIG, timeout);
        }
    }

    /** One poll; true if the batch was full and the poller should poll again at once. */
    private boolean pollOnce() throws SQLException {
        OffsetState current = state;
        WriterSnapshot writers = db.horizon().observe(connection);
        IdLogCursor.Step<Row> step = cursor.next(current, writers, settings.pollBatchSize(), rowReader, Row::id);
        OffsetState next = step.next();
        if (step.changes(current)) {
            next = next.withPositions(publish(step.rows(), next));
        }
        state = next;
        cursor.committed(current, next);
        mirrorNowAndThen(next);
        return step.full();
    }

    /**
     * Reads livedb rows for the cursor. Gaps are read one bounded range query each: H2 does not use the primary
     * key for an OR of ranges and would scan the whole table on every poll.
     */
    private final IdLogCursor.Reader<Row> rowReader = new IdLogCursor.Reader<>() {
        @Override
        public void readBetween(long from, long to, int limit, List<Row> into) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM livedb WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setInt(3, limit);
                readRows(ps, into);
            }
        }

        @Override
        public void readAfter(long afterId, int limit, List<Row> into) throws SQLException {
            CdcPoller.this.readAfter(afterId, limit, into);
        }
    };

    private void readAfter(long afterId, int limit, List<Row> into) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM livedb WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            readRows(ps, into);
        }
    }

    private static void readRows(PreparedStatement ps, List<Row> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime created = rs.getObject(5, OffsetDateTime.class);
                into.add(new Row(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                        Clocks.toMicros(created.toInstant())));
            }
        }
    }

    /**
     * Publishes the rows and the new state in one transaction. The state carries the positions where this
     * transaction's events begin (the ends of the previous one); returns the positions after this one.
     */
    private Map<Integer, Long> publish(List<Row> rows, OffsetState next) {
        long captured = Clocks.nowMicros();
        long bytes = 0;
        long newest = 0;
        Map<Integer, Long> ends = new ConcurrentHashMap<>();
        producer.beginTransaction();
        for (Row r : rows) {
            byte[] value = ChangeEventJson.write(new ChangeEvent(r.id(), ChangeEvent.CREATE, r.org(), r.amount(),
                    r.region(), r.createdAtMicros(), captured));
            bytes += value.length;
            newest = Math.max(newest, r.createdAtMicros());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, Long.toString(r.id()), value,
                    List.of(new RecordHeader(OffsetRecovery.CONNECTOR_HEADER, connectorBytes)));
            producer.send(record, (meta, error) -> {
                if (error == null) {
                    ends.merge(meta.partition(), meta.offset() + 1, Math::max);
                }
            });
        }
        producer.send(OffsetStore.record(connector, next));
        commit();
        if (firstPublishMillis < 0 && !rows.isEmpty()) {
            firstPublishMillis = System.currentTimeMillis();
        }
        counters.add(rows.size(), bytes, newest);
        for (Row r : rows) {
            captureLatency.recordMicros(captured - r.createdAtMicros());
        }
        Map<Integer, Long> positions = new TreeMap<>(next.positions());
        positions.putAll(ends);
        return positions;
    }

    /**
     * Commits, retrying a commit that timed out. During a failover (a partition leader or the transaction
     * coordinator on a broker that died) the commit waits until the cluster has fenced that broker and elected new
     * leaders, which takes the broker session timeout; the producer allows the same commit to be retried, and
     * retrying it costs nothing, whereas a new session would abort the transaction and publish its rows again.
     */
    private void commit() {
        long deadline = System.nanoTime() + COMMIT_RETRY_LIMIT.toNanos();
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (stopping() || System.nanoTime() > deadline) {
                    throw e;
                }
                log.info("CDC {}: a transaction commit is taking longer than {} ms (a broker may be down); retrying it",
                        connector, KafkaClients.REQUEST_TIMEOUT_MS);
                setStatus(StageState.DEGRADED, "Kafka at " + kafka.bootstrapServers() + " has not confirmed a transaction "
                        + "commit (a broker is down, or a partition leader or the transaction coordinator is moving). "
                        + "Retrying the same commit, nothing published twice; resumes by itself.");
            }
        }
    }

    private void mirrorNowAndThen(OffsetState s) {
        long now = System.currentTimeMillis();
        if (now - lastMirror < MIRROR_EVERY_MS) {
            return;
        }
        lastMirror = now;
        try {
            OffsetStore.mirror(db, connection, connector, s);
        } catch (SQLException e) {
            log.debug("could not mirror the CDC offset to the database: {}", e.getMessage());
        }
    }

    private void closeSession() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing the CDC producer: {}", e.toString());
            }
            producer = null;
        }
    }

    private void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }
}
