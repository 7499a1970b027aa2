package dev.flowdeck.engine;

import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.retention.Retention;
import dev.flowdeck.engine.source.BurstWriter;
import dev.flowdeck.engine.source.SeedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Assembles the pipeline and owns its stages' lifecycle and the metrics they share. It is handed connection settings
 * only (a database and a Kafka cluster) and cannot tell embedded infrastructure from real. The writer and the CDC
 * poller are always there; every optional part (live reader, processor, tiers, verifier, capture sources) is a
 * {@link PipelinePart} the caller chooses with {@link #add(PipelinePart)}. One start order for everyone: downstream
 * first, the writer last once the poller publishes ({@link #startAllWhenReady}).
 */
public final class Pipeline implements AutoCloseable {
    /** Metric keys of the core stages (their {@link StageId#key()}) and the hops between them. */
    public static final String WRITER = StageId.WRITER.key();
    public static final String POLLER = StageId.POLLER.key();
    public static final String VERIFIER = StageId.VERIFIER.key();
    public static final String RETENTION = Retention.ID.key();
    /** The console's live reader of the change-event topic ({@link dev.flowdeck.engine.cdc.LiveEventReader}). */
    public static final String READER = StageId.READER.key();
    public static final String HOP_CAPTURE = "db_to_capture";
    public static final String HOP_KAFKA = "capture_to_consumer";
    public static final String HOP_END_TO_END = "end_to_end";
    public static final long SAMPLE_EVERY_MS = 250;

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Database db;
    private final KafkaSettings kafka;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final BurstWriter writer;
    private final CdcPoller poller;
    private final List<Stage> stages = new ArrayList<>();
    private final ScheduledExecutorService sampler;
    private final Assembly assembly = new Assembly();

    /** What a {@link PipelinePart} builds on and adds its stages through; handed to parts only. */
    public final class Assembly {
        private Assembly() {
        }

        /** The pipeline being assembled: its connections, settings and metrics. */
        public Pipeline pipeline() {
            return Pipeline.this;
        }

        /** Adds a stage after those already there: it starts before them and stops after them. */
        public void add(Stage stage) {
            stages.add(stage);
        }
    }

    public Pipeline(Database db, KafkaSettings kafka, PipelineSettings settings, List<SeedRow> seed) {
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.poller = new CdcPoller(db, kafka, settings, metrics.counters(POLLER), metrics.latency(HOP_CAPTURE));
        this.writer = new BurstWriter(db, settings, seed, metrics.counters(WRITER), poller::wake,
                () -> metrics.counters(WRITER).items() - metrics.counters(POLLER).items());
        stages.add(writer);
        stages.add(poller);
        stages.add(new Retention(db, settings.retention(), () -> poller.offsetState().watermark(), metrics.counters(RETENTION)));
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowdeck-metrics");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_EVERY_MS, SAMPLE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            metrics.roll();
        } catch (RuntimeException e) {
            log.warn("metrics sampling failed", e);
        }
    }

    public Database database() {
        return db;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public PipelineSettings settings() {
        return settings;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public BurstWriter writer() {
        return writer;
    }

    public CdcPoller poller() {
        return poller;
    }

    /** Builds an optional part's stages and adds them, to be started and stopped with the others; returns its handle. */
    public <T> T add(PipelinePart<T> part) throws Exception {
        return part.attach(assembly);
    }

    /** The stage with this identity, if the pipeline has one. */
    public java.util.Optional<Stage> stage(StageId id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** Starts downstream stages first, so no event waits for a consumer that is not there yet. */
    public void startAll() {
        List<Stage> order = new ArrayList<>(stages);
        java.util.Collections.reverse(order);
        order.forEach(Stage::start);
    }

    /**
     * Starts every stage but the writer (downstream first), waits until the poller publishes, then starts the writer:
     * no row waits for a Kafka session that is still being set up. Waiting ends early if the poller fails. Returns
     * false if the poller was not publishing in time (the writer starts anyway).
     */
    public boolean startAllWhenReady(java.time.Duration timeout) throws InterruptedException {
        return startAllWhenReady(timeout, () -> false);
    }

    /**
     * As {@link #startAllWhenReady(java.time.Duration)}, but {@code giveUp} (asked twice a second) ends the wait, and
     * then the writer is not started: the console gives up when it is closing.
     */
    public boolean startAllWhenReady(java.time.Duration timeout, java.util.function.BooleanSupplier giveUp)
            throws InterruptedException {
        List<Stage> order = new ArrayList<>(stages);
        java.util.Collections.reverse(order);
        order.stream().filter(s -> s != writer).forEach(Stage::start);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!giveUp.getAsBoolean() && System.nanoTime() < deadline
                && !poller.awaitState(StageState.RUNNING, java.time.Duration.ofMillis(
                Math.max(1, Math.min(500, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))))) {
            if (poller.status().state() == StageState.FAILED) {
                break;
            }
        }
        boolean ready = poller.status().state() == StageState.RUNNING;
        if (!ready) {
            log.warn("the CDC poller is not publishing yet: {}", poller.status().message());
        }
        if (!giveUp.getAsBoolean()) {
            writer.start();
        }
        return ready;
    }

    /**
     * Starts only the stages the parts added ({@link #add(PipelinePart)}), downstream first, not the writer and poller: a worker
     * process runs the processor or the tiers of a pipeline whose rows are written and captured elsewhere.
     */
    public void startAdded() {
        List<Stage> order = new ArrayList<>(stages);
        order.removeIf(s -> s == writer || s == poller);
        java.util.Collections.reverse(order);
        order.forEach(Stage::start);
    }

    /** Stops upstream stages first, so downstream ones can drain what is in flight. */
    public void stopAll() {
        stages.forEach(Stage::stop);
    }

    @Override
    public void close() {
        stopAll();
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.roll();
    }
}
