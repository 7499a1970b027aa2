package dev.flowdeck.engine;

import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.PipelineMetrics;
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
 * Owns the stages' lifecycle and the metrics they share. It is handed connection settings only (a database and a
 * Kafka cluster) and cannot tell embedded infrastructure from real.
 */
public final class Pipeline implements AutoCloseable {
    /** Stage and hop names used in metrics and in the console. */
    public static final String WRITER = "writer";
    public static final String POLLER = "poller";
    public static final String VERIFIER = "verifier";
    /** The console's live reader of the change-event topic ({@link dev.flowdeck.engine.cdc.LiveEventReader}). */
    public static final String READER = "kafka-reader";
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

    public Pipeline(Database db, KafkaSettings kafka, PipelineSettings settings, List<SeedRow> seed) {
        this.db = db;
        this.kafka = kafka;
        this.settings = settings;
        this.poller = new CdcPoller(db, kafka, settings, metrics.counters(POLLER), metrics.latency(HOP_CAPTURE));
        this.writer = new BurstWriter(db, settings, seed, metrics.counters(WRITER), poller::wake,
                () -> metrics.counters(WRITER).items() - metrics.counters(POLLER).items());
        stages.add(writer);
        stages.add(poller);
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

    /** Adds a stage started and stopped with the others (processor, tiers, verifier), after the built-in ones. */
    public void add(Stage stage) {
        stages.add(stage);
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
     * Starts every stage but the writer, waits until the poller publishes (bounded), then starts the writer: no
     * row waits for a Kafka session that is still being set up. Returns false if the poller was not ready in time.
     */
    public boolean startAllWhenReady(java.time.Duration timeout) throws InterruptedException {
        List<Stage> order = new ArrayList<>(stages);
        java.util.Collections.reverse(order);
        order.stream().filter(s -> s != writer).forEach(Stage::start);
        boolean ready = poller.awaitState(StageState.RUNNING, timeout);
        writer.start();
        return ready;
    }

    /**
     * Starts only the stages added with {@link #add(Stage)}, downstream first, not the writer and poller: a worker
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
