package dev.flowdeck.app.session;

import dev.flowdeck.app.host.DataFolderReset;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.admin.ClusterWatch;
import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.cdc.LiveEventReader;
import dev.flowdeck.engine.cdc.LiveReaderPart;
import dev.flowdeck.engine.cdc.RecentEvents;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.source.SeedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the console runs: the infrastructure of the current {@link Profile} (embedded or real), the database, and a
 * {@link Pipeline} with the console's live reader and any {@link SessionExtension}s. Every method that starts or
 * stops something blocks and must be called off the FX thread (through the console's TaskRunner); they are
 * serialised, so a profile switch never overlaps a start. Readers ({@link #status()}, {@link #pipeline()}) never block.
 */
public final class ConsoleSession implements AutoCloseable, dev.flowdeck.app.session.PipelineControl {
    private static final long CLUSTER_WATCH_MS = 1_000;
    public enum Phase { STOPPED, STARTING, RUNNING, STOPPING, FAILED }

    /** What the status bar shows; {@code step}/{@code steps} drive the start-up progress bar. */
    public record Status(Phase phase, String message, Profile profile, StageStatus broker, StageStatus database,
                         int step, int steps) {
    }

    /** Everything one start built; replaced as a whole by a profile switch. */
    private record Running(Infrastructure infra, Database db, Pipeline pipeline, LiveEventReader reader) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);
    private static final int STEPS = 5;
    private static final Duration KAFKA_CHECK = Duration.ofSeconds(8);
    private static final Duration POLLER_READY = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Supplier<List<SeedRow>> seed;
    private final PipelineSettings settings;
    private final List<SessionExtension> extensions = new CopyOnWriteArrayList<>();
    private final RecentEvents recentEvents = new RecentEvents(400);
    private final Object lifecycle = new Object();
    private final List<Consumer<Profile>> profileListeners = new CopyOnWriteArrayList<>();

    private volatile Profile profile;
    private volatile Running running;
    private volatile Status status;
    private volatile boolean closed;

    /**
     * @param settings the pipeline settings; kept across restarts and profile switches, so slider positions survive
     */
    public ConsoleSession(Path dataDir, Profile profile, PipelineSettings settings, Supplier<List<SeedRow>> seed) {
        this.dataDir = dataDir;
        this.profile = profile;
        this.settings = settings;
        this.seed = seed;
        this.status = new Status(Phase.STOPPED, "not started", profile, StageStatus.of(StageState.STOPPED, "not started"),
                StageStatus.of(StageState.STOPPED, "not started"), 0, STEPS);
    }

    public void addExtension(SessionExtension extension) {
        extensions.add(extension);
    }

    /** Called (on the session's caller thread) whenever a start with a new profile begins. */
    public void onProfileChange(Consumer<Profile> listener) {
        profileListeners.add(listener);
    }

    public Status status() {
        return status;
    }

    public Profile profile() {
        return profile;
    }

    @Override
    public PipelineSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    public RecentEvents recentEvents() {
        return recentEvents;
    }

    @Override
    public Optional<String> pendingSourceReset() {
        return pipeline().flatMap(p -> p.poller().pendingReset());
    }

    @Override
    public void resolveSourceReset(dev.flowdeck.engine.config.ResetChoice choice) {
        pipeline().ifPresent(p -> p.poller().resolveReset(choice));
    }

    public Optional<Pipeline> pipeline() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.pipeline());
    }

    public Optional<LiveEventReader> reader() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.reader());
    }

    public Optional<KafkaSettings> kafka() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.infra().kafka());
    }

    public Optional<Database> database() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.db());
    }

    public boolean embeddedKafka() {
        Running r = running;
        return r != null ? r.infra().embeddedKafka() : profile.embeddedKafka();
    }

    /** Starts the infrastructure and every stage; returns when the CDC poller publishes (or failed). Blocking. */
    public void start() {
        synchronized (lifecycle) {
            if (running == null && !closed) {
                startLocked();
            }
        }
    }

    /** Stops every stage and the infrastructure. Blocking; bounded by the stages' own stop limits. */
    public void stop() {
        synchronized (lifecycle) {
            stopLocked();
        }
    }

    /** Stops everything, then starts again on {@code next}'s connections. Blocking. */
    public void switchTo(Profile next) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            stopLocked();
            profile = next;
            profileListeners.forEach(l -> l.accept(next));
            startLocked();
        }
    }

    /**
     * Stops the pipeline and the embedded broker and database (so nothing holds their files open), deletes their data
     * and the Streams state from the data folder, then starts everything again on empty data. Only for a profile
     * whose broker and database are both embedded. Blocking.
     */
    public void resetEmbeddedData() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            Profile p = profile;
            if (!p.embeddedKafka() || !p.embeddedDatabase()) {
                throw new IllegalStateException("'" + p.name() + "' keeps its data outside the data folder: "
                        + "Reset data is only for the Embedded profile");
            }
            stopLocked();
            publish(Phase.STOPPING, "Deleting the data in " + dataDir, p, status.broker(), status.database(), 0);
            try {
                long deleted = DataFolderReset.delete(dataDir);
                log.info("reset data: deleted {} of Kafka logs, H2 database and Streams state in {}",
                        dev.flowdeck.app.host.DataFolderUsage.human(deleted), dataDir);
            } finally {
                startLocked();
            }
        }
    }

    /** Starts every stage of a running pipeline (downstream first); starts the session if it is not running. */
    @Override
    public void startAllStages() throws InterruptedException {
        synchronized (lifecycle) {
            Running r = running;
            if (r == null) {
                if (!closed) {
                    startLocked();
                }
                return;
            }
            startStages(r.pipeline());
        }
    }

    /** The engine's one start order: downstream first, the writer once the poller publishes; cut short by close. */
    private void startStages(Pipeline pipeline) throws InterruptedException {
        pipeline.startAllWhenReady(POLLER_READY, () -> closed);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the console is closing");
        }
    }

    /** Stops every stage (upstream first) but leaves the broker and database up. */
    @Override
    public void stopAllStages() {
        synchronized (lifecycle) {
            Running r = running;
            if (r != null) {
                r.pipeline().stopAll();
            }
        }
    }

    /** Starts or stops one stage. */
    @Override
    public void setStageRunning(StageId id, boolean run) {
        synchronized (lifecycle) {
            Running r = running;
            if (r == null) {
                throw new IllegalStateException("the pipeline is not running: start it first");
            }
            Stage stage = r.pipeline().stage(id).orElseThrow(() -> new IllegalArgumentException("no stage " + id.title()));
            if (run) {
                stage.start();
            } else {
                stage.stop();
            }
        }
    }

    private void startLocked() {
        Profile p = profile;
        boolean embeddedKafka = p.embeddedKafka();
        StageStatus broker = StageStatus.of(StageState.STARTING, embeddedKafka ? "starting the embedded broker"
                : "connecting to " + p.bootstrapServers());
        StageStatus db = StageStatus.of(StageState.STARTING, "waiting for Kafka");
        publish(Phase.STARTING, embeddedKafka ? "Starting the embedded Kafka broker" : "Connecting to Kafka", p, broker, db, 1);
        Infrastructure infra = null;
        Pipeline pipeline = null;
        try {
            infra = Infrastructure.start(p.toOptions(dataDir), step -> {
                if (step.contains("H2")) {
                    publish(Phase.STARTING, "Opening the embedded H2 database", p, status.broker(),
                            StageStatus.of(StageState.STARTING, "opening H2"), 2);
                }
            });
            checkOpen();
            publish(Phase.STARTING, "Checking Kafka at " + infra.kafka().bootstrapServers(), p, status.broker(), status.database(), 3);
            KafkaProbe.ClusterInfo cluster = KafkaProbe.check(infra.kafka(), KAFKA_CHECK);
            broker = StageStatus.of(StageState.RUNNING, (infra.embeddedKafka() ? "embedded KRaft broker" : cluster.brokers()
                    + " broker(s), cluster " + cluster.clusterId()) + " at " + infra.kafka().bootstrapServers());
            publish(Phase.STARTING, "Connecting to the database", p, broker, StageStatus.of(StageState.STARTING, "connecting"), 3);
            Database database = Database.connect(infra.database());
            db = StageStatus.of(StageState.RUNNING, (infra.embeddedDatabase() ? "embedded H2 at " : database.dialect() + " at ")
                    + infra.database().safeUrl());
            publish(Phase.STARTING, "Creating topic " + settings.topic(), p, broker, db, 4);
            CdcPoller.ensureTopics(infra.kafka(), settings);
            checkOpen();

            pipeline = new Pipeline(database, infra.kafka(), settings, seed.get());
            LiveEventReader reader = pipeline.add(new LiveReaderPart(recentEvents, 50));
            pipeline.add(ClusterWatch.part(CLUSTER_WATCH_MS)); // the Kafka card's failover reason
            for (SessionExtension e : extensions) {
                e.attach(pipeline, database);
            }
            running = new Running(infra, database, pipeline, reader);
            publish(Phase.STARTING, "Starting the pipeline's stages", p, broker, db, 5);
            startStages(pipeline);
            checkOpen();
            publish(Phase.RUNNING, "Running on " + p.describe(), p, broker, db, STEPS);
            log.info("pipeline running on profile '{}' ({})", p.name(), p.describe());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("could not start profile '{}': {}", p.name(), why);
            closeQuietly(pipeline);
            running = null;
            extensions.forEach(SessionExtension::detach);
            if (infra != null) {
                infra.close();
            }
            StageStatus failedBroker = status.broker().state() == StageState.RUNNING ? StageStatus.of(StageState.STOPPED, "stopped")
                    : StageStatus.of(StageState.FAILED, why);
            StageStatus failedDb = status.database().state() == StageState.RUNNING || status.broker().state() != StageState.RUNNING
                    ? StageStatus.of(StageState.STOPPED, "not started") : StageStatus.of(StageState.FAILED, why);
            publish(Phase.FAILED, why, p, failedBroker, failedDb, 0);
        }
    }

    private void stopLocked() {
        Running r = running;
        if (r == null) {
            return;
        }
        Profile p = profile;
        publish(Phase.STOPPING, "Stopping the pipeline", p, status.broker(), status.database(), 0);
        running = null;
        closeQuietly(r.pipeline());
        extensions.forEach(SessionExtension::detach);
        publish(Phase.STOPPING, r.infra().embeddedKafka() ? "Stopping the embedded broker" : "Disconnecting", p,
                status.broker(), status.database(), 0);
        r.infra().close();
        publish(Phase.STOPPED, "Stopped", p, StageStatus.of(StageState.STOPPED, "stopped"),
                StageStatus.of(StageState.STOPPED, "stopped"), 0);
        log.info("pipeline and infrastructure of profile '{}' stopped", p.name());
    }

    private void publish(Phase phase, String message, Profile p, StageStatus broker, StageStatus db, int step) {
        status = new Status(phase, message, p, broker, db, step, STEPS);
    }

    private static void closeQuietly(Pipeline pipeline) {
        if (pipeline != null) {
            try {
                pipeline.close();
            } catch (RuntimeException e) {
                log.warn("stopping the pipeline: {}", e.toString());
            }
        }
    }

    /** Stops everything; later starts are ignored. Blocking. */
    @Override
    public void close() {
        closed = true; // before the lock: a start in progress gives up at its next step
        synchronized (lifecycle) {
            stopLocked();
        }
    }
}
