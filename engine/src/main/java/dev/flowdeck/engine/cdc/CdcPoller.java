package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.config.ResetChoice;
import dev.flowdeck.engine.db.ChangeNotifications;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.IdSequence;
import dev.flowdeck.engine.db.SourceIdentity;
import dev.flowdeck.engine.db.WriterSnapshot;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.KafkaDeadline;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
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
    /** How long another installation's offset commit keeps this one from starting on the same source. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** An idle poller still commits its state this often, so that its lease stays fresh. */
    private static final long HEARTBEAT_MS = 10_000;

    private final Database db;
    private final KafkaSettings kafka;
    private final PipelineSettings settings;
    private final StageCounters counters;
    private final LatencyRecorder captureLatency;
    private final String owner;
    /** Read from the database when a session starts ({@link SourceIdentity}); empty before. */
    private volatile String connector = "";
    /** The header every event carries, naming the connector (one list for all: headers are not changed on send). */
    private List<Header> connectorHeader = List.of();
    private SourceIdentity identity;
    private String transactionalId;
    /** What the sequence had handed out when the current poll began: no gap above it is settled. */
    private long allocatedUpTo = Long.MAX_VALUE;
    private boolean sequenceWarned;
    private volatile String pendingReset;
    private volatile ResetChoice decided;

    private final IdLogCursor cursor = new IdLogCursor();
    private volatile OffsetState state = OffsetState.START;
    private volatile long firstPublishMillis = -1;
    private KafkaProducer<String, byte[]> producer;
    private Connection connection;
    private ChangeNotifications notifications;
    private String topic;
    private long lastMirror;
    private long lastCommitMillis;

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
        this.owner = owner();
    }

    /**
     * A name made from the JDBC URL text; only the H2 change-log capture still keys its offsets by it. The livedb
     * poller is keyed by the database's own {@link SourceIdentity}.
     */
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

    /** The key of this source's offset record, known once a session has read the database's identity (else empty). */
    public String connector() {
        return connector;
    }

    private String transactionalId() {
        return transactionalId;
    }

    /**
     * Why the poller stopped publishing because the source was reset under it, with the choices; empty when it was not.
     * {@link #resolveReset} answers it.
     */
    public java.util.Optional<String> pendingReset() {
        return java.util.Optional.ofNullable(pendingReset);
    }

    /** Answers a {@linkplain #pendingReset() reset}: publish the table again from the start, or from its current end on. */
    public void resolveReset(ResetChoice choice) {
        if (choice == ResetChoice.ASK) {
            throw new IllegalArgumentException("choose RESNAPSHOT or RESUME");
        }
        decided = choice;
        wake();
    }

    /** The source cannot be published safely as it is; the message says why and what to do. Retried, not an outage. */
    private static final class SourceRefused extends Exception {
        SourceRefused(String message) {
            super(message);
        }
    }

    /** This instance, as a second instance fenced by it is told: host, process and data folder. */
    private String owner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "host " + host + ", pid " + ProcessHandle.current().pid()
                + (settings.dataFolder() == null ? "" : ", data folder " + settings.dataFolder().toAbsolutePath());
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
                if (connection == null) {
                    connection = db.open();
                    if (producer != null && !SourceIdentity.read(connection, db.dialect()).equals(identity)) {
                        closeSession(); // a new database behind the same URL: the new session checks for a reset
                    }
                }
                if (producer == null) {
                    openSession(failures == 0);
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
            } catch (SourceRefused e) {
                closeSession();
                setStatus(StageState.FAILED, e.getMessage());
                log.warn("CDC: {}", e.getMessage());
                awaitDecisionOrRetry();
            } catch (KafkaException | ExecutionException | TimeoutException | IllegalStateException e) {
                failures++;
                counters.error();
                String trouble = kafkaTrouble(e); // read while the session's names are still known
                closeSession();
                setStatus(StageState.DEGRADED, trouble);
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

    /** Waits for the user's answer to a reset (or, for a refusal, a few seconds before checking again), or for stop. */
    private void awaitDecisionOrRetry() {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!stopping() && (pendingReset == null ? System.nanoTime() < until : decided == null)) {
            pause(250);
        }
    }

    private static long backoff(long failures) {
        return Math.min(5_000, 200L * failures);
    }

    /** What a Kafka failure means for the user; fencing is not an outage and does not end by itself. */
    String kafkaTrouble(Exception e) {
        if (fencedByAnother(e)) {
            String other = otherOwner();
            return "another Flowdeck publishes this database's rows to " + topic + " with the same transactional id"
                    + (other.isEmpty() ? "" : " (" + other + ")") + ". Each takes over from the other and neither makes "
                    + "progress. Stop one of them. Paused with nothing buffered; retrying.";
        }
        return "Kafka at " + kafka.bootstrapServers() + " is unavailable (" + reason(e)
                + "). Paused with nothing buffered; resumes by itself.";
    }

    /** Who last committed this connector's offsets if not this instance (it fenced us), read within seconds; else empty. */
    private String otherOwner() {
        try {
            byte[] value = OffsetStore.loadAll(kafka, Duration.ofSeconds(5)).get(connector);
            String who = value == null ? "" : OffsetStore.origin(value).owner();
            return who.isEmpty() || who.equals(owner) ? "" : who;
        } catch (TimeoutException | RuntimeException e) {
            log.debug("could not read who else publishes {}: {}", connector, e.toString());
            return "";
        }
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
    private void openSession(boolean firstAttempt)
            throws ExecutionException, InterruptedException, TimeoutException, SQLException, SourceRefused {
        if (firstAttempt) {
            setStatus(StageState.STARTING, "connecting to Kafka at " + kafka.bootstrapServers());
        }
        topic = settings.topic();
        identity = SourceIdentity.read(connection, db.dialect());
        long cache = IdSequence.sessionCache(connection, db.dialect());
        if (cache > 1) {
            throw new SourceRefused("livedb's id sequence hands each session " + cache + " values at a time (CACHE " + cache
                    + "): a session can then insert an id long after higher ids were published, and the CDC would skip it. "
                    + "Set its cache to 1 (ALTER TABLE livedb ALTER COLUMN id SET CACHE 1); "
                    + "publishing starts by itself once it is 1.");
        }
        long maxId = IdSequence.maxId(connection);
        long high = Math.max(maxId, IdSequence.allocatedUpTo(connection, db.dialect()));
        connector = identity.connector();
        connectorHeader = List.of(new RecordHeader(OffsetRecovery.CONNECTOR_HEADER,
                connector.getBytes(StandardCharsets.UTF_8)));
        transactionalId = TransactionalIds.of(connector, settings.dataFolder());
        ensureTopics(kafka, settings);
        producer = new KafkaProducer<>(KafkaClients.transactionalProducer(kafka, transactionalId()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        OffsetState recovered = OffsetRecovery.recover(kafka, connector, transactionalId(), topic,
                KafkaDeadline.of(kafka, OffsetStore.READ_LIMIT, this::stopping));
        Map<String, byte[]> records = OffsetStore.loadAll(kafka, Duration.ofSeconds(30));
        refuseIfAnotherPublishes(records.get(connector));
        OffsetState legacy = records.containsKey(connector) ? null : legacyState(records);
        if (legacy != null && high >= legacy.watermark()) {
            recovered = adoptLegacy(legacy, recovered);
            records.put(connector, new byte[0]); // ours now: not a new database
        }
        String reset = resetSeen(records, recovered, high);
        state = reset == null ? recovered : afterReset(reset, recovered, maxId);
        cursor.reset();
        log.info("CDC {} ({}) publishing to {}; resuming after id {} ({} ranges above it)", connector,
                identity.description(), topic, state.watermark(), state.published().rangeCount());
    }

    /**
     * The offsets an earlier Flowdeck kept under the name made from the URL text ({@link #connectorName(DbSettings)}),
     * in the format before records said who wrote them; null if there are none. An upgrade continues from them once,
     * as the earlier version would have, instead of publishing the whole table again.
     */
    private OffsetState legacyState(Map<String, byte[]> records) {
        byte[] value = records.get(connectorName(db.settings()));
        if (value == null || !OffsetStore.origin(value).eventTopic().isEmpty()) {
            return null;
        }
        return OffsetStore.parse(value);
    }

    /** Takes the earlier version's offsets as this source's, fencing its producer, and commits them under the new key. */
    private OffsetState adoptLegacy(OffsetState legacy, OffsetState recovered) {
        String oldId = "flowdeck-cdc-" + connectorName(db.settings());
        try (KafkaProducer<String, byte[]> old = new KafkaProducer<>(KafkaClients.transactionalProducer(kafka, oldId),
                new StringSerializer(), new ByteArraySerializer())) {
            old.initTransactions(); // aborts whatever the earlier version left open
        }
        OffsetState adopted = new OffsetState(legacy.watermark(), legacy.published(), legacy.eventsPublished(), recovered.positions());
        producer.beginTransaction();
        producer.send(offsetRecord(adopted));
        commit();
        log.info("CDC {}: continuing from the offsets an earlier version kept for {} (after id {})", connector,
                db.settings().safeUrl(), adopted.watermark());
        return adopted;
    }

    /**
     * Another installation (another data folder, so another transactional id: it cannot fence this one, nor this one
     * it) that committed this source's offsets within {@link #LEASE} is publishing the same rows: two would publish
     * every row twice. Each running poller commits at least every {@link #HEARTBEAT_MS}, so its record stays fresh.
     */
    private void refuseIfAnotherPublishes(byte[] ours) throws SourceRefused {
        if (ours == null) {
            return;
        }
        OffsetStore.Origin last = OffsetStore.origin(ours);
        long age = System.currentTimeMillis() - last.writtenAtMillis();
        if (!last.producer().isEmpty() && !last.producer().equals(producerTag()) && age < LEASE.toMillis()) {
            throw new SourceRefused("another Flowdeck publishes this database's rows to " + topic + " (" + last.owner()
                    + ", last commit " + Math.max(0, age / 1000) + " s ago). Two would publish every row twice. Stop it; this one "
                    + "starts by itself " + LEASE.toSeconds() + " s after the other's last commit.");
        }
    }

    /** A tag that tells this installation's producer apart without revealing its transactional id. */
    private String producerTag() {
        return SourceIdentity.hash(transactionalId, 8);
    }

    /**
     * Why the committed offsets do not belong to the table as it is now, or null: the ids start again below the
     * watermark (TRUNCATE … RESTART IDENTITY, a table made anew), or this is a new database while Kafka holds another
     * database's offsets of the same kind (H2 or PostgreSQL) for the same event topic (a dropped and recreated
     * database, a deleted H2 folder).
     */
    private String resetSeen(Map<String, byte[]> records, OffsetState recovered, long high) {
        if (records.containsKey(connector)) {
            if (high < recovered.watermark()) {
                return "the livedb table's ids start again below what was already published (highest id now " + high
                        + ", published up to " + recovered.watermark() + "): the table was truncated with RESTART IDENTITY "
                        + "or made anew.";
            }
            return null;
        }
        // Only a database of the same kind counts: a user who switches from the embedded H2 to PostgreSQL chose
        // another database on purpose, and each keeps its own offsets as before.
        String sameKind = SourceIdentity.connectorPrefix(identity.kind());
        for (Map.Entry<String, byte[]> e : records.entrySet()) {
            OffsetStore.Origin origin = OffsetStore.origin(e.getValue());
            if (!e.getKey().equals(connector) && e.getKey().startsWith(sameKind) && topic.equals(origin.eventTopic())) {
                return "Kafka holds the offsets of another database for topic " + topic + " (" + origin.database()
                        + ", published up to id " + OffsetStore.parse(e.getValue()).watermark() + "), but this is a new one ("
                        + identity.description() + "): the database was dropped and made again or its folder deleted, "
                        + "or another database of the same kind publishes to this topic.";
            }
        }
        return null;
    }

    /** Applies the reset choice (settings, or the user's answer), committing it at once; asks when there is none. */
    private OffsetState afterReset(String reason, OffsetState recovered, long maxId) throws SourceRefused {
        ResetChoice choice = decided != null ? decided : settings.onReset();
        if (choice == ResetChoice.ASK) {
            pendingReset = "Not publishing: " + reason + " Choose: re-snapshot (publish every row of the table again) or "
                    + "resume (publish only rows written from now on, after id " + maxId + "). Headless: --on-reset "
                    + "resnapshot|resume.";
            throw new SourceRefused(pendingReset);
        }
        pendingReset = null;
        decided = null;
        long watermark = choice == ResetChoice.RESUME ? maxId : 0;
        OffsetState chosen = new OffsetState(watermark, new IdRanges(), recovered.eventsPublished(), recovered.positions());
        producer.beginTransaction();
        producer.send(offsetRecord(chosen));
        commit();
        log.warn("CDC {}: {} Chose {}: publishing after id {}", connector, reason,
                choice == ResetChoice.RESUME ? "to resume" : "to re-snapshot", watermark);
        return chosen;
    }

    private ProducerRecord<String, byte[]> offsetRecord(OffsetState s) {
        return OffsetStore.record(connector, s, new OffsetStore.Origin(topic, identity.description(), owner, producerTag(),
                System.currentTimeMillis()));
    }

    /** Creates the change-event topic and the offset topic if missing, and waits until they are served. */
    public static void ensureTopics(KafkaSettings kafka, PipelineSettings settings)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-cdc-admin")) {
            Duration timeout = Duration.ofSeconds(30);
            Map<String, String> retention = settings.retention().topicConfigs();
            Topics.ensure(admin, settings.topic(), settings.partitions(), settings.replicationFactor(), retention, timeout);
            Topics.alignRetention(admin, settings.topic(), retention, timeout);
            Topics.ensure(admin, OffsetStore.TOPIC, 1, settings.replicationFactor(), OffsetStore.TOPIC_CONFIG, timeout);
        }
    }

    /** One poll; true if the batch was full and the poller should poll again at once. */
    private boolean pollOnce() throws SQLException {
        OffsetState current = state;
        allocatedUpTo = allocatedUpTo(); // before the horizon: see IdSequence
        if (allocatedUpTo < current.watermark() && IdSequence.maxId(connection) < current.watermark()) {
            // the ids started again under a running poller: a new session looks at why and applies the choice
            log.warn("CDC {}: livedb's ids are now below the published watermark {}; checking the source again", connector,
                    current.watermark());
            closeSession();
            return false;
        }
        WriterSnapshot writers = db.horizon().observe(connection);
        IdLogCursor.Step<Row> step = cursor.next(current, writers, settings.pollBatchSize(), rowReader, Row::id);
        OffsetState next = step.next();
        if (step.changes(current) || System.currentTimeMillis() - lastCommitMillis > HEARTBEAT_MS) {
            next = next.withPositions(publish(step.rows(), next));
        }
        state = next;
        cursor.committed(current, next, allocatedUpTo);
        mirrorNowAndThen(next);
        return step.full();
    }

    /** What the sequence has handed out; without the right to read the sequence, no cap (the behaviour before). */
    private long allocatedUpTo() {
        try {
            return IdSequence.allocatedUpTo(connection, db.dialect());
        } catch (SQLException e) {
            if (!sequenceWarned) {
                sequenceWarned = true;
                log.warn("CDC {}: cannot read livedb's id sequence ({}); a row inserted with an explicit id above it can make"
                        + " the CDC skip rows the sequence hands out later. Grant SELECT on the sequence.", connector, e.getMessage());
            }
            return Long.MAX_VALUE;
        }
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
        Callback trackEnds = (meta, error) -> {
            if (error == null) {
                ends.merge(meta.partition(), meta.offset() + 1, Math::max);
            }
        };
        producer.beginTransaction();
        try (ChangeEventJson.Writer json = ChangeEventJson.writer()) {
            for (Row r : rows) {
                byte[] value = json.write(new ChangeEvent(r.id(), ChangeEvent.CREATE, r.org(), r.amount(),
                        r.region(), r.createdAtMicros(), captured));
                bytes += value.length;
                newest = Math.max(newest, r.createdAtMicros());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, Long.toString(r.id()), value,
                        connectorHeader);
                producer.send(record, trackEnds);
            }
        }
        producer.send(offsetRecord(next));
        commit();
        lastCommitMillis = System.currentTimeMillis();
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
