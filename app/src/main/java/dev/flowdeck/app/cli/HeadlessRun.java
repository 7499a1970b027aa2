package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.Infrastructure;
import dev.flowdeck.app.Seeds;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.cdc.DeliveryVerifier;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.source.SeedRow;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code flowdeck --headless}: runs the pipeline without a window for a set time, drains, reads every event back and
 * prints one JSON summary on stdout. Exit code 0 only if no row was lost or published twice.
 */
public final class HeadlessRun {
    public static final int EXIT_OK = 0;
    public static final int EXIT_LOSS = 1;
    public static final int EXIT_UNREACHABLE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_QUIET_LIMIT = Duration.ofSeconds(30);

    private final ConnectionOptions connection;
    private final RunOptions run;
    private final List<HeadlessExtension> extensions;
    private final PrintStream out;
    private final PrintStream err;

    /** A stage group that joins the headless run (processor, tiers) and adds its part of the summary. */
    public interface HeadlessExtension {
        void attach(Pipeline pipeline) throws Exception;

        /** Called after the writer stopped and the verifier drained; waits (bounded) for this stage to finish its work. */
        default void drain(Duration limit) throws InterruptedException {
        }

        void summarize(ObjectNode summary);
    }

    public HeadlessRun(ConnectionOptions connection, RunOptions run, List<HeadlessExtension> extensions, PrintStream out, PrintStream err) {
        this.connection = connection;
        this.run = run;
        this.extensions = List.copyOf(extensions);
        this.out = out;
        this.err = err;
    }

    public int execute() throws Exception {
        PipelineSettings settings = run.toSettings();
        List<SeedRow> seed = Seeds.load(run.seedFile, problem -> err.println("seed: " + problem));
        Infrastructure.Options options = connection.toInfrastructure();
        Consumer<String> progress = step -> err.println("flowdeck: " + step);
        try (Infrastructure infra = Infrastructure.start(options, progress)) {
            progress.accept("checking Kafka at " + infra.kafka().bootstrapServers());
            KafkaProbe.check(infra.kafka(), Duration.ofSeconds(8));
            progress.accept("checking the database at " + infra.database().safeUrl());
            Database db = Database.connect(infra.database());
            return runPipeline(infra, db, settings, seed);
        }
    }

    private int runPipeline(Infrastructure infra, Database db, PipelineSettings settings, List<SeedRow> seed) throws Exception {
        CdcPoller.ensureTopics(infra.kafka(), settings);
        long idBase = maxId(db);
        try (Pipeline pipeline = new Pipeline(db, infra.kafka(), settings, seed)) {
            PipelineMetrics metrics = pipeline.metrics();
            DeliveryVerifier verifier = new DeliveryVerifier(infra.kafka(), settings.topic(), idBase,
                    metrics.counters(Pipeline.VERIFIER), metrics.latency(Pipeline.HOP_END_TO_END), metrics.latency(Pipeline.HOP_KAFKA));
            verifier.pinStart();
            pipeline.add(verifier);
            for (HeadlessExtension e : extensions) {
                e.attach(pipeline);
            }
            CountDownLatch interrupted = new CountDownLatch(1);
            Thread hook = new Thread(interrupted::countDown, "flowdeck-headless-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);

            if (!pipeline.startAllWhenReady(Duration.ofSeconds(60))) {
                progress("the CDC poller is not running yet (" + pipeline.poller().status().message() + "); writing anyway");
            }
            long writeStart = System.nanoTime();
            long deadline = writeStart + run.duration.toNanos();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(run.progressEvery.toNanos(), deadline - System.nanoTime());
                if (interrupted.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                printProgress(pipeline, verifier, writeStart);
            }
            pipeline.writer().stop();
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            long[] expected = idsAbove(db, idBase);
            progress("writer stopped after " + String.format(Locale.ROOT, "%.1f", writeSeconds) + " s; draining "
                    + expected.length + " rows");
            drain(verifier, expected.length, pipeline);
            for (HeadlessExtension e : extensions) {
                e.drain(Duration.ofSeconds(30));
            }
            pipeline.stopAll();
            metrics.roll();

            long missing = verifier.missing(expected);
            long duplicates = verifier.duplicates();
            ObjectNode summary = summary(infra, pipeline, verifier, expected.length, missing, duplicates, writeSeconds);
            for (HeadlessExtension e : extensions) {
                e.summarize(summary);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            out.println(JSON.writeValueAsString(summary));
            out.flush();
            return missing == 0 && duplicates == 0 ? EXIT_OK : EXIT_LOSS;
        }
    }

    private void drain(DeliveryVerifier verifier, long expected, Pipeline pipeline) throws InterruptedException {
        long lastVerified = -1;
        long quietSince = System.nanoTime();
        while (verifier.verified() < expected) {
            long v = verifier.verified();
            if (v != lastVerified) {
                lastVerified = v;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > DRAIN_QUIET_LIMIT.toNanos()) {
                progress("no progress for " + DRAIN_QUIET_LIMIT.toSeconds() + " s while draining; "
                        + (expected - v) + " rows never arrived. Poller: " + pipeline.poller().status().message());
                return;
            }
            verifier.awaitVerified(expected, 1_000);
        }
    }

    private void printProgress(Pipeline pipeline, DeliveryVerifier verifier, long writeStart) {
        PipelineMetrics.Snapshot s = pipeline.metrics().snapshot();
        LatencyRecorder.Summary e2e = s.recent(Pipeline.HOP_END_TO_END);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t=%4.0fs written=%d (%.0f/s) published=%d verified=%d behind=%d e2e p50=%.1fms p99=%.1fms",
                (System.nanoTime() - writeStart) / 1e9, s.count(Pipeline.WRITER), s.rate(Pipeline.WRITER),
                s.count(Pipeline.POLLER), verifier.verified(), s.count(Pipeline.WRITER) - s.count(Pipeline.POLLER),
                e2e.p50(), e2e.p99()));
        for (Stage stage : pipeline.stages()) {
            if (stage.status().state() == StageState.DEGRADED || stage.status().state() == StageState.FAILED) {
                line.append(" | ").append(stage.name()).append(' ').append(stage.status().state()).append(": ")
                        .append(stage.status().message());
            }
        }
        progress(line.toString());
    }

    private void progress(String message) {
        err.println("flowdeck: " + message);
        err.flush();
    }

    private ObjectNode summary(Infrastructure infra, Pipeline pipeline, DeliveryVerifier verifier, long rowsInDb,
                               long missing, long duplicates, double writeSeconds) {
        PipelineMetrics.Snapshot s = pipeline.metrics().snapshot();
        long written = s.count(Pipeline.WRITER);
        ObjectNode o = JSON.createObjectNode();
        o.put("rows_written", written);
        o.put("rows_in_db", rowsInDb);
        o.put("events_published", s.count(Pipeline.POLLER));
        o.put("events_verified", verifier.verified());
        o.put("lost", missing);
        o.put("duplicated", duplicates);
        o.put("earlier_rows_published", verifier.outsideRun());
        o.put("rows_per_s", Math.round(written / Math.max(writeSeconds, 1e-9)));
        o.put("duration_s", round(writeSeconds));
        LatencyRecorder.Summary e2e = s.total(Pipeline.HOP_END_TO_END);
        o.set("e2e_latency_ms", latency(e2e));
        ObjectNode hops = o.putObject("hops_ms");
        hops.set(Pipeline.HOP_CAPTURE, latency(s.total(Pipeline.HOP_CAPTURE)));
        hops.set(Pipeline.HOP_KAFKA, latency(s.total(Pipeline.HOP_KAFKA)));
        ObjectNode k = o.putObject("kafka");
        k.put("mode", infra.embeddedKafka() ? "embedded" : "external");
        k.put("bootstrap_servers", infra.kafka().bootstrapServers());
        k.put("topic", pipeline.settings().topic());
        if (infra.embeddedKafka()) {
            k.put("broker_start_ms", infra.brokerStartup().toMillis());
        }
        long first = pipeline.poller().firstPublishMillis();
        if (first > 0) {
            k.put("first_produce_ms", first - infra.startedAtMillis());
        }
        ObjectNode d = o.putObject("database");
        d.put("mode", infra.embeddedDatabase() ? "embedded-h2" : "postgresql");
        d.put("url", infra.database().safeUrl());
        ObjectNode cfg = o.putObject("settings");
        PipelineSettings ps = pipeline.settings();
        cfg.put("max_rate", ps.maxRate());
        cfg.put("rows_per_burst", ps.rowsPerBurst());
        cfg.put("burst_interval_ms", ps.burstIntervalMs());
        cfg.put("writer_threads", ps.writerThreads());
        cfg.put("poll_batch", ps.pollBatchSize());
        return o;
    }

    static ObjectNode latency(LatencyRecorder.Summary l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("p50", round(l.p50()));
        n.put("p95", round(l.p95()));
        n.put("p99", round(l.p99()));
        n.put("max", round(l.max()));
        n.put("mean", round(l.mean()));
        n.put("count", l.count());
        return n;
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static long maxId(Database db) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM livedb")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[] idsAbove(Database db, long idBase) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            long count;
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM livedb WHERE id > " + idBase)) {
                rs.next();
                count = rs.getLong(1);
            }
            long[] ids = new long[Math.toIntExact(count)];
            int i = 0;
            try (ResultSet rs = st.executeQuery("SELECT id FROM livedb WHERE id > " + idBase + " ORDER BY id")) {
                while (rs.next() && i < ids.length) {
                    ids[i++] = rs.getLong(1);
                }
            }
            return i == ids.length ? ids : java.util.Arrays.copyOf(ids, i);
        }
    }
}
