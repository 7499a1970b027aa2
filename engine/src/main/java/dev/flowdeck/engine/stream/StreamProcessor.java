package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.metrics.StageCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The stream processor stage: Kafka Streams aggregates, alerts and anomalies over the change events (see
 * {@link ProcessorTopology} and docs/processor.md), plus the sink that stores the aggregates in the database.
 *
 * <p><b>Threads.</b> Kafka Streams runs its own threads, named after the client id
 * ({@code flowdeck-stream-processor-StreamThread-N}); their number is {@link ProcessorSettings#streamThreads()} and
 * changes while running. The stage's own worker, {@code flowdeck-stream-processor}, creates the topics, starts
 * Kafka Streams, runs the {@link AggregateSink}, watches Kafka Streams' state and, on stop, closes it within
 * {@link ProcessorSettings#closeTimeout()} (a clean close commits the last transaction).
 *
 * <p><b>Status.</b> STARTING until Kafka Streams first runs (joining the group, restoring state); RUNNING while it
 * processes and the sink writes; DEGRADED during a later rebalance, while the database or Kafka cannot be reached
 * (both retried), or after a stream thread died and was replaced; FAILED when Kafka Streams shut down on an error
 * (the message says which); STOPPED after stop.
 *
 * <p><b>Counters</b> in {@link PipelineMetrics}: {@link #EVENTS} (events taken in, counted when processed, so the
 * records of a transaction that exactly-once aborted are counted again when reprocessed), {@link #REPLAYED},
 * {@link #AGGREGATE_ROWS} (rows upserted into the table), {@link #ALERTS} and {@link #ANOMALIES} (committed records
 * read back: each counted once), and the latency hop {@link #HOP} (row insert to processing). {@link #stats()} adds
 * the lag and rates; {@link #feed()} holds recent alerts and the newest windows for the console.
 */
public final class StreamProcessor extends WorkerStage {
    public static final String EVENTS = "processor";
    public static final String REPLAYED = "processor_replayed";
    public static final String LATE = "processor_late";
    public static final String SKIPPED = "processor_skipped";
    public static final String AGGREGATE_ROWS = "processor_aggregate_rows";
    public static final String ALERTS = "processor_alerts";
    public static final String ANOMALIES = "processor_anomalies";
    public static final String HOP = "to_processor";

    private static final Duration SINK_POLL = Duration.ofMillis(200);
    private static final long METRICS_EVERY_MS = 1_000;
    private static final int RATE_SPAN_S = 5;
    private static final int MAX_THREAD_REPLACEMENTS = 3;

    private final Database db;
    private final KafkaSettings kafka;
    private final ProcessorSettings settings;
    private final Path stateDir;
    private final ProcessorFeed feed = new ProcessorFeed();
    private final StageCounters events;
    private final StageCounters replayed;
    private final StageCounters late;
    private final StageCounters skipped;
    private final StageCounters rows;
    private final StageCounters alerts;
    private final StageCounters anomalies;
    private final LatencyRecorder hop;
    private final AtomicLong firstEventNanos = new AtomicLong();
    private final AtomicReference<Predicate<ChangeEvent>> fault = new AtomicReference<>();
    /** Per source partition, in this run: the offset of the latest event that changed a window part. */
    private final Map<Integer, AtomicLong> changedThrough = new ConcurrentHashMap<>();
    /** Notified whenever the sink has read or stored something; the drain waits on it. */
    private final Object sinkProgress = new Object();
    private final AtomicLong restoredRecords = new AtomicLong();
    private volatile long lastEventNanos;
    private volatile long lag = -1;
    private volatile long maxLag;
    private volatile long dropped;
    private volatile double peakRate;
    private volatile int runningThreads;
    private volatile String failure;
    private volatile AggregateSink sink;
    /** Where the last sink left the alerts and anomalies topics, so a restart neither skips nor recounts any. */
    private volatile Map<TopicPartition, Long> signalPositions = Map.of();
    private volatile KafkaStreams streams;
    private volatile Topics.Replication replication = Topics.Replication.forBrokers(1);
    private final Deque<long[]> rateSamples = new ArrayDeque<>();
    /** For the Processor page (see {@link #insight()}): the topology, restores per store partition, rebalances. */
    private volatile ProcessorInsight.Graph graph = ProcessorInsight.Graph.EMPTY;
    private final Map<String, ProcessorInsight.Restore> restores = new ConcurrentHashMap<>();
    private final AtomicLong rebalances = new AtomicLong();
    private volatile ProcessorInsight insight = ProcessorInsight.NONE;
    private volatile List<ProcessorInsight.Instance> instances = List.of();
    private long nextInstancesRead;
    private Admin groupAdmin;
    private final Deque<Long> replacements = new ArrayDeque<>();

    /**
     * What the processor has done, counted since this object was created.
     *
     * @param lateEvents     events more than the grace period late for their window: not in the aggregates
     * @param droppedRecords records Kafka Streams skipped (e.g. not a change event)
     * @param lag            events on the source topic not yet read (-1: not known yet)
     * @param restoredRecords changelog records replayed into the state stores when tasks started (all of a memory
     *                        store's changelog; for RocksDB only what the changelog gained since the checkpoint)
     */
    public record Stats(long eventsProcessed, long replayedSkipped, long lateEvents, long aggregateRowsWritten, long alerts,
                        long anomalies, long lag, long maxLag, long droppedRecords, double eventsPerSecond,
                        double peakEventsPerSecond, int streamThreads, long restoredRecords) {
    }

    /**
     * @param stateDir where Kafka Streams keeps its state folder (the application-data folder in the app, a
     *                 temporary folder in tests)
     */
    public StreamProcessor(Database db, KafkaSettings kafka, ProcessorSettings settings, PipelineMetrics metrics, Path stateDir) {
        super(StageId.PROCESSOR);
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.stateDir = stateDir;
        this.events = metrics.counters(EVENTS);
        this.replayed = metrics.counters(REPLAYED);
        this.late = metrics.counters(LATE);
        this.skipped = metrics.counters(SKIPPED);
        this.rows = metrics.counters(AGGREGATE_ROWS);
        this.alerts = metrics.counters(ALERTS);
        this.anomalies = metrics.counters(ANOMALIES);
        this.hop = metrics.latency(HOP);
    }

    public ProcessorSettings settings() {
        return settings;
    }

    public ProcessorFeed feed() {
        return feed;
    }

    /** Time from a row's insert to its processing here (the {@link #HOP} latency), as of the last metrics roll. */
    public LatencyRecorder.Summary hopLatency() {
        return hop.total();
    }

    public Stats stats() {
        long first = firstEventNanos.get();
        long count = events.items();
        double seconds = (lastEventNanos - first) / 1e9;
        double average = first == 0 || count < 2 || seconds <= 0 ? 0 : (count - 1) / seconds;
        return new Stats(count, replayed.items(), late.items(), rows.items(), alerts.items(), anomalies.items(), lag, maxLag, dropped, average,
                Math.max(peakRate, 0), runningThreads, restoredRecords.get());
    }

    @Override
    protected void work(int worker) throws Exception {
        failure = null;
        replacements.clear();
        changedThrough.clear(); // the previous run's tasks are closed; their emitted parts are below the sink's targets
        prepare();
        if (stopping()) {
            return;
        }
        Properties config = StreamsProperties.of(settings, kafka, stateDir);
        if (settings.replicationFactor() <= 0) {
            // Kafka Streams' own topics (changelogs, repartition) replicated like the pipeline's topics on this cluster.
            config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replication.factor()));
            if (replication.minInsync() > 1) {
                config.put(StreamsConfig.topicPrefix(Topics.MIN_INSYNC), Integer.toString(replication.minInsync()));
            }
        }
        org.apache.kafka.streams.Topology topology = ProcessorTopology.build(settings, new Probe(), config);
        graph = ProcessorInsight.Graph.of(topology.describe());
        KafkaStreams s = new KafkaStreams(topology, config);
        s.setUncaughtExceptionHandler(this::onStreamThreadDeath);
        s.setGlobalStateRestoreListener(new RestoreCounter());
        s.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.REBALANCING) {
                rebalances.incrementAndGet();
            }
            log.info("Kafka Streams {}: {} -> {}", settings.effectiveApplicationId(), before, now);
        });
        streams = s;
        s.start();
        boolean everRunning = false;
        long nextMetrics = 0;
        long sinkFailures = 0;
        String sinkProblem = null;
        while (!stopping()) {
            KafkaStreams.State state = s.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped on an error: "
                        + (failure == null ? "state " + state : failure));
            }
            everRunning |= state == KafkaStreams.State.RUNNING;
            try {
                sink.pollOnce(SINK_POLL);
                sinkFailures = 0;
                sinkProblem = null;
            } catch (SQLException e) {
                sinkFailures++;
                sinkProblem = db.describeFailure(e);
            } catch (KafkaException e) {
                sinkFailures++;
                sinkProblem = "cannot read the processor's output topics (" + e.getMessage() + ")";
            }
            if (System.currentTimeMillis() >= nextMetrics) {
                nextMetrics = System.currentTimeMillis() + METRICS_EVERY_MS;
                Map<TopicPartition, Double> fetchLag = fetchLagByPartition(s);
                readStreamsMetrics(s, fetchLag);
                readInsight(s, state, fetchLag);
                if (state == KafkaStreams.State.RUNNING) {
                    matchThreadCount(s);
                }
            }
            report(state, everRunning, sinkProblem);
            if (sinkFailures > 0) {
                pause(Math.min(5_000, 200L * sinkFailures));
            }
        }
    }

    /** Creates the output topics and the tables, and opens the sink; retries (DEGRADED) until they work or stop. */
    private void prepare() throws InterruptedException {
        long failures = 0;
        setStatus(StageState.STARTING, "creating topics and the aggregates table");
        while (!stopping()) {
            try {
                if (!ensureTopics(kafka, settings)) {
                    failures++;
                    setStatus(StageState.DEGRADED, "waiting for the topic " + settings.sourceTopic()
                            + " (the CDC poller creates it when it starts)");
                    pause(Math.min(5_000, 500L * failures));
                    continue;
                }
                try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-processor-admin")) {
                    replication = Topics.replication(admin, Duration.ofSeconds(30));
                }
                db.execute(AggregateTable.ddl().toArray(String[]::new));
                AggregateSink s = new AggregateSink(db, kafka, settings, settings.effectiveApplicationId(), feed, rows, alerts, anomalies,
                        this::sinkProgressed);
                try {
                    s.open(signalPositions);
                } catch (SQLException | RuntimeException e) {
                    s.close();
                    throw e;
                }
                sink = s;
                setStatus(StageState.STARTING, "starting Kafka Streams (" + settings.effectiveApplicationId() + ")");
                return;
            } catch (SQLException e) {
                failures++;
                setStatus(StageState.DEGRADED, db.describeFailure(e) + " Retrying.");
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                failures++;
                Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                setStatus(StageState.DEGRADED, "Kafka at " + kafka.bootstrapServers() + " is unavailable ("
                        + t.getClass().getSimpleName() + ": " + t.getMessage() + "). Retrying.");
            }
            pause(Math.min(5_000, 500L * failures));
        }
    }

    /**
     * Creates the aggregates, alerts and anomalies topics if missing, and waits until they are served. Returns false,
     * creating nothing, while the source topic does not exist yet: Kafka Streams would stop with an error.
     */
    public static boolean ensureTopics(KafkaSettings kafka, ProcessorSettings s)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-processor-admin")) {
            Duration timeout = Duration.ofSeconds(30);
            var source = Topics.describe(admin, s.sourceTopic(), timeout);
            if (source.isEmpty()) {
                return false;
            }
            int partitions = source.get().partitions().size();
            // Aggregates are updated in place: compaction keeps the newest totals per window, retention drops old windows.
            Map<String, String> retention = s.retention().topicConfigs();
            Map<String, String> aggregates = new HashMap<>(retention);
            aggregates.put("cleanup.policy", "compact,delete");
            Topics.ensure(admin, s.aggregatesTopic(), partitions, s.replicationFactor(), aggregates, timeout);
            Topics.ensure(admin, s.alertsTopic(), 1, s.replicationFactor(), retention, timeout);
            Topics.ensure(admin, s.anomaliesTopic(), 1, s.replicationFactor(), retention, timeout);
            for (String topic : List.of(s.aggregatesTopic(), s.alertsTopic(), s.anomaliesTopic())) {
                Topics.alignRetention(admin, topic, retention, timeout);
            }
            return true;
        }
    }

    @Override
    protected void cleanUp(int worker) {
        KafkaStreams s = streams;
        if (s != null) {
            try {
                // Leave the group: a restart then gets every task at once instead of waiting for the old member's
                // session to expire while that member still "owns" some partitions.
                if (!s.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(settings.closeTimeout()))) {
                    log.warn("Kafka Streams did not close within {} ms", settings.closeTimeout().toMillis());
                }
            } catch (RuntimeException e) {
                log.warn("closing Kafka Streams: {}", e.toString());
            }
            streams = null;
        }
        AggregateSink k = sink;
        if (k != null) {
            signalPositions = k.signalPositions();
            k.close();
            sink = null;
        }
        runningThreads = 0;
        if (groupAdmin != null) {
            groupAdmin.close(Duration.ofSeconds(2));
            groupAdmin = null;
        }
        insight = ProcessorInsight.NONE;
    }

    /** The latest {@link ProcessorInsight} (taken every second while running). */
    public ProcessorInsight insight() {
        return insight;
    }

    /** Threads, tasks with their lag, commit metrics, store sizes, restores, and (every 5 s) the group's members. */
    private void readInsight(KafkaStreams s, KafkaStreams.State state, Map<TopicPartition, Double> fetchLag) {
        List<ProcessorInsight.StreamThread> threads = new ArrayList<>();
        try {
            for (var t : s.metadataForLocalThreads()) {
                List<ProcessorInsight.Task> tasks = new ArrayList<>();
                t.activeTasks().forEach(task -> tasks.add(task(task, true, fetchLag)));
                t.standbyTasks().forEach(task -> tasks.add(task(task, false, fetchLag)));
                tasks.sort(java.util.Comparator.comparing(ProcessorInsight.Task::id));
                threads.add(new ProcessorInsight.StreamThread(t.threadName(), t.threadState(), List.copyOf(tasks)));
            }
        } catch (IllegalStateException e) {
            return; // not running (any more): keep the last picture
        }
        threads.sort(java.util.Comparator.comparing(ProcessorInsight.StreamThread::name));
        double commitRate = 0;
        double latencySum = 0;
        int latencies = 0;
        long keys = -1;
        for (Map.Entry<MetricName, ? extends Metric> m : s.metrics().entrySet()) {
            MetricName n = m.getKey();
            if (!(m.getValue().metricValue() instanceof Double d) || d.isNaN()) {
                continue;
            }
            if (n.group().equals("stream-thread-metrics") && n.name().equals("commit-rate")) {
                commitRate += d;
            } else if (n.group().equals("stream-thread-metrics") && n.name().equals("commit-latency-avg")) {
                latencySum += d;
                latencies++;
            } else if (n.group().equals("stream-state-metrics") && n.name().equals("estimate-num-keys")) {
                keys = Math.max(keys, 0) + Math.round(d);
            }
        }
        long now = System.currentTimeMillis();
        if (now >= nextInstancesRead) {
            nextInstancesRead = now + 5_000;
            instances = readInstances();
        }
        insight = new ProcessorInsight(settings.effectiveApplicationId(), state.name(), graph, List.copyOf(threads), commitRate,
                latencies == 0 ? 0 : latencySum / latencies, folderBytes(stateDir.resolve(settings.effectiveApplicationId())), keys,
                restores.values().stream().sorted(java.util.Comparator.comparing(ProcessorInsight.Restore::changelogPartition)).toList(),
                (int) rebalances.get(), instances);
    }

    /**
     * A task's lag: end offset minus committed offset per input partition. Kafka Streams knows both only once the
     * task has committed (every partition showed "?" until then); meanwhile its consumer's own
     * {@code records-lag} for the partition stands in.
     */
    static ProcessorInsight.Task task(org.apache.kafka.streams.TaskMetadata task, boolean active,
                                              Map<TopicPartition, Double> fetchLag) {
        long lag = 0;
        boolean known = false;
        for (TopicPartition tp : task.topicPartitions()) {
            Long end = task.endOffsets().get(tp);
            Long committed = task.committedOffsets().get(tp);
            Double fetched = fetchLag.get(new TopicPartition(metricTag(tp.topic()), tp.partition()));
            if (end != null && committed != null && end >= 0 && committed >= 0) {
                lag += Math.max(0, end - committed);
                known = true;
            } else if (fetched != null) {
                lag += Math.max(0, Math.round(fetched));
                known = true;
            }
        }
        return new ProcessorInsight.Task(task.taskId().toString(), active,
                task.topicPartitions().stream().map(TopicPartition::toString).sorted().toList(), known ? lag : -1);
    }

    /** The members of the application's consumer group: every instance's stream threads, on any machine. */
    private List<ProcessorInsight.Instance> readInstances() {
        try {
            if (groupAdmin == null) {
                groupAdmin = KafkaClients.createAdmin(kafka, "flowdeck-processor-insight");
            }
            var group = groupAdmin.describeConsumerGroups(List.of(settings.effectiveApplicationId())).all()
                    .get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(settings.effectiveApplicationId());
            if (group == null) {
                return List.of();
            }
            return group.members().stream().map(m -> new ProcessorInsight.Instance(m.consumerId(), m.clientId(), m.host(),
                            m.assignment().topicPartitions().stream().map(TopicPartition::toString).sorted().toList()))
                    .sorted(java.util.Comparator.comparing(ProcessorInsight.Instance::host).thenComparing(ProcessorInsight.Instance::memberId))
                    .toList();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.debug("could not read the processor group's members: {}", e.toString());
            return instances;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return instances;
        }
    }

    private static long folderBytes(Path dir) {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0; // not there yet, or a file vanished while counting (RocksDB compaction)
        }
    }

    private StreamThreadExceptionResponse onStreamThreadDeath(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getClass().getSimpleName() + ": " + root.getMessage();
        long now = System.currentTimeMillis();
        synchronized (replacements) {
            replacements.removeIf(t -> now - t > 60_000);
            if (replacements.size() < MAX_THREAD_REPLACEMENTS) {
                replacements.addLast(now);
                failure = "a stream thread died and was replaced (" + why + ")";
                log.warn("stream thread died; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        failure = MAX_THREAD_REPLACEMENTS + " stream threads died within a minute; last: " + why;
        log.error("stream threads keep dying; shutting the processor down", e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void report(KafkaStreams.State state, boolean everRunning, String sinkProblem) {
        String recentFailure;
        synchronized (replacements) {
            recentFailure = replacements.isEmpty() || System.currentTimeMillis() - replacements.peekLast() > 60_000 ? null : failure;
        }
        switch (state) {
            case CREATED -> setStatus(StageState.STARTING, "starting Kafka Streams");
            case REBALANCING -> {
                if (everRunning) {
                    setStatus(StageState.DEGRADED, "rebalancing: partitions are being reassigned, processing paused");
                } else {
                    long restored = restoredRecords.get();
                    setStatus(StageState.STARTING, "joining the group and restoring state"
                            + (restored > 0 ? " (" + restored + " changelog records restored)" : ""));
                }
            }
            case RUNNING -> {
                if (sinkProblem != null) {
                    setStatus(StageState.DEGRADED, "processing, but the aggregates are not stored: " + sinkProblem + " Retrying.");
                } else if (recentFailure != null) {
                    setStatus(StageState.DEGRADED, recentFailure);
                } else {
                    setStatus(StageState.RUNNING, runningThreads + " stream thread" + (runningThreads == 1 ? "" : "s") + ", "
                            + settings.processingGuarantee() + ", " + settings.window().toMillis() / 1000.0 + " s windows, lag "
                            + (lag < 0 ? "unknown" : lag + " events"));
                }
            }
            case PENDING_SHUTDOWN -> setStatus(StageState.DEGRADED, "Kafka Streams is shutting down");
            default -> {
                // ERROR, PENDING_ERROR and NOT_RUNNING end the worker loop with FAILED.
            }
        }
    }

    /** Adds or removes one stream thread per call until the count matches the setting. */
    private void matchThreadCount(KafkaStreams s) {
        int have = s.metadataForLocalThreads().size();
        runningThreads = have;
        int want = settings.streamThreads();
        if (want > have) {
            s.addStreamThread().ifPresent(name -> log.info("added stream thread {}", name));
        } else if (want < have) {
            s.removeStreamThread(settings.closeTimeout()).ifPresent(name -> log.info("removed stream thread {}", name));
        }
    }

    /** The consumers' {@code records-lag} per partition; the topic named as metrics tag it (see {@link #metricTag}). */
    private static Map<TopicPartition, Double> fetchLagByPartition(KafkaStreams s) {
        Map<TopicPartition, Double> lags = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> m : s.metrics().entrySet()) {
            MetricName n = m.getKey();
            if (n.name().equals("records-lag") && n.group().equals("consumer-fetch-manager-metrics")
                    && n.tags().containsKey("topic") && n.tags().containsKey("partition")
                    && m.getValue().metricValue() instanceof Double d && !d.isNaN()) {
                lags.merge(new TopicPartition(n.tags().get("topic"), Integer.parseInt(n.tags().get("partition"))), d, Math::max);
            }
        }
        return lags;
    }

    /** A topic's name as Kafka's metrics tag it (dots become underscores). */
    private static String metricTag(String topic) {
        return topic.replace('.', '_');
    }

    /** Lag on the source topic and dropped records, from Kafka Streams' client metrics; also the peak rate. */
    private void readStreamsMetrics(KafkaStreams s, Map<TopicPartition, Double> fetchLag) {
        String topicTag = metricTag(settings.sourceTopic());
        double lagSum = 0;
        boolean lagKnown = false;
        for (Map.Entry<TopicPartition, Double> e : fetchLag.entrySet()) {
            if (e.getKey().topic().equals(topicTag)) {
                lagSum += Math.max(0, e.getValue());
                lagKnown = true;
            }
        }
        double droppedSum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : s.metrics().entrySet()) {
            MetricName n = m.getKey();
            Object value = m.getValue().metricValue();
            if (!(value instanceof Double d) || d.isNaN()) {
                continue;
            }
            if (n.name().equals("dropped-records-total") && n.group().equals("stream-task-metrics")) {
                droppedSum += d;
            }
        }
        lag = lagKnown ? Math.round(lagSum) : -1;
        maxLag = Math.max(maxLag, lag);
        dropped = Math.round(droppedSum);
        long now = System.nanoTime();
        rateSamples.addLast(new long[] {now, events.items()});
        while (rateSamples.size() > RATE_SPAN_S + 1) {
            rateSamples.removeFirst();
        }
        if (rateSamples.size() == RATE_SPAN_S + 1) {
            long[] oldest = rateSamples.peekFirst();
            double rate = (events.items() - oldest[1]) / ((now - oldest[0]) / 1e9);
            peakRate = Math.max(peakRate, rate);
        }
    }

    /**
     * Waits until everything the processor took in is stored: Kafka Streams has committed every event on its input
     * topics (the change events and its internal repartition topic), the sink has stored the window parts those
     * events changed, and the sink has read everything committed to the output topics. Call after the upstream
     * stages stopped. Returns false if that did not happen within {@code limit} or the stage is not running.
     *
     * <p>The parts are emitted by a punctuator after their events were processed, in a later transaction; the sink
     * tells when it stored them: each part carries the offset through which its task's changes are emitted
     * ({@link PartialAggregator}), and this waits until those offsets reach the latest changes processed.
     */
    public boolean drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-processor-drain")) {
            if (!awaitInputsCommitted(admin, deadline)) {
                return false;
            }
            Map<Integer, Long> changed = new HashMap<>();
            changedThrough.forEach((partition, offset) -> changed.put(partition, offset.get()));
            if (!awaitSink(k -> k.storedThrough(changed), deadline)) {
                return false;
            }
            // Those emits also sent region parts to the rate monitor: wait until it has committed them too.
            if (!awaitInputsCommitted(admin, deadline)) {
                return false;
            }
            AggregateSink s = sink;
            if (s == null) {
                return false;
            }
            Map<TopicPartition, Long> targets = lastStableOffsets(admin, partitionsOf(admin, s.topics()));
            return awaitSink(k -> k.reached(targets), deadline);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("could not drain the processor: {}", e.getMessage());
            return false;
        }
    }

    /** Waits, woken by the sink, until {@code done} holds for it; false at the deadline or if the stage stopped. */
    private boolean awaitSink(Predicate<AggregateSink> done, long deadline) throws InterruptedException {
        synchronized (sinkProgress) {
            while (true) {
                AggregateSink k = sink;
                if (k != null && done.test(k)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (k == null || left <= 0 || !status().state().isActive()) {
                    return false;
                }
                // Bounded, to notice the stage failing (which does not notify).
                TimeUnit.NANOSECONDS.timedWait(sinkProgress, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
    }

    private void sinkProgressed() {
        synchronized (sinkProgress) {
            sinkProgress.notifyAll();
        }
    }

    private boolean awaitInputsCommitted(Admin admin, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (!inputsCommitted(admin)) {
            if (!status().state().isActive() || System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling remote state; no notification exists
        }
        return true;
    }

    private boolean inputsCommitted(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        String group = settings.effectiveApplicationId();
        Set<String> topics = admin.listTopics().names().get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<String> inputs = new ArrayList<>();
        inputs.add(settings.sourceTopic());
        topics.stream().filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).forEach(inputs::add);
        Map<TopicPartition, Long> ends = lastStableOffsets(admin, partitionsOf(admin, inputs));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return (c == null ? 0 : c.offset()) >= e.getValue();
        });
    }

    private static List<TopicPartition> partitionsOf(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> out = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .values().forEach(d -> out.addAll(Topics.partitionsOf(d)));
        return out;
    }

    private static Map<TopicPartition, Long> lastStableOffsets(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * Tests only: the stream thread that processes the first event matching {@code when} dies with an exception,
     * in the middle of its transaction, as a crash would end it.
     */
    /** Events skipped because they cannot be aggregated (see {@link ProcessorProbe#skipped}). */
    public long skippedEvents() {
        return skipped.items();
    }

    void injectFault(Predicate<ChangeEvent> when) {
        fault.set(when);
    }

    /** Counts on the stream threads: cheap, lock-free. */
    private final class Probe implements ProcessorProbe {
        @Override
        public void processed(ChangeEvent e) {
            Predicate<ChangeEvent> f = fault.get();
            if (f != null && f.test(e) && fault.compareAndSet(f, null)) {
                throw new IllegalStateException("injected fault at event " + e.id());
            }
            long now = System.nanoTime();
            if (firstEventNanos.get() == 0) {
                firstEventNanos.compareAndSet(0, now);
            }
            lastEventNanos = now;
            events.add(1, 0, e.createdAtMicros());
            if (e.createdAtMicros() > 0) {
                hop.recordMicros(Clocks.nowMicros() - e.createdAtMicros());
            }
        }

        @Override
        public void replayed(ChangeEvent e) {
            replayed.add(1, 0, 0);
        }

        @Override
        public void late(ChangeEvent e) {
            late.add(1, 0, 0);
        }

        @Override
        public void skipped(ChangeEvent e, String reason) {
            if (skipped.items() == 0) {
                log.warn("skipping event {} (and counting such events in 'skipped'): {}", e.id(), reason);
            }
            skipped.add(1, 0, 0);
        }

        @Override
        public void aggregated(int partition, long offset) {
            AtomicLong through = changedThrough.get(partition);
            if (through == null) {
                through = changedThrough.computeIfAbsent(partition, p -> new AtomicLong(Long.MIN_VALUE));
            }
            through.accumulateAndGet(offset, Math::max);
        }
    }

    /** Counts the changelog records restored into the stores (Kafka Streams calls it on its restore threads). */
    private final class RestoreCounter implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
            restores.put(store + "/" + partition, new ProcessorInsight.Restore(store, partition.toString(), 0,
                    Math.max(0, endingOffset - startingOffset), false));
            log.debug("restoring {} from {} offsets {} to {}", store, partition, startingOffset, endingOffset);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
            restoredRecords.addAndGet(restored);
            restores.computeIfPresent(store + "/" + partition, (k, r) -> new ProcessorInsight.Restore(r.store(), r.changelogPartition(),
                    r.restored() + restored, r.total(), false));
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restores.computeIfPresent(store + "/" + partition, (k, r) -> new ProcessorInsight.Restore(r.store(), r.changelogPartition(),
                    totalRestored, Math.max(r.total(), totalRestored), true));
            if (totalRestored > 0) {
                log.info("restored {} from {}: {} records", store, partition, totalRestored);
            } else {
                log.debug("{} from {} was up to date", store, partition);
            }
        }
    }
}
