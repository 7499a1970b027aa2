package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.admin.ClusterWatch;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.cdc.DeliveryVerifier;
import dev.flowdeck.engine.cdc.VerifierPart;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.source.SeedRow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One measured run of the pipeline on given connections: write for a while, drain, read every event back with a
 * read_committed consumer, and sum it up (rows, events, lost, duplicated, throughput, latency at every hop).
 * Used by the headless run and by the benchmark.
 */
public final class VerifiedRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_QUIET_LIMIT = Duration.ofSeconds(30);
    /** How often the cluster's shape is read: often enough to time a failover's parts to a quarter second. */
    private static final long CLUSTER_WATCH_MS = 250;

    /** The CDC stopped because the source database was reset under it, and no choice was given: nothing to verify. */
    public static final class SourceReset extends Exception {
        SourceReset(String message) {
            super(message);
        }
    }

    /** The summary, whether nothing was lost or duplicated, and when the first event was acknowledged (epoch ms, or -1). */
    public record Result(ObjectNode summary, boolean clean, long firstPublishMillis) {
    }

    private final KafkaSettings kafka;
    private final Database db;
    private final PipelineSettings settings;
    private final List<SeedRow> seed;
    private final List<HeadlessRun.HeadlessExtension> extensions;
    private final Consumer<String> progress;

    public VerifiedRun(KafkaSettings kafka, Database db, PipelineSettings settings, List<SeedRow> seed,
                       List<HeadlessRun.HeadlessExtension> extensions, Consumer<String> progress) {
        this.kafka = kafka;
        this.db = db;
        this.settings = settings;
        this.seed = seed;
        this.extensions = List.copyOf(extensions);
        this.progress = progress;
    }

    /**
     * Runs for {@code duration} (or until {@code interrupted} counts down), printing progress every
     * {@code progressEvery}.
     */
    public Result run(Duration duration, Duration progressEvery, CountDownLatch interrupted) throws Exception {
        CdcPoller.ensureTopics(kafka, settings);
        long idBase = maxId();
        try (Pipeline pipeline = new Pipeline(db, kafka, settings, seed)) {
            PipelineMetrics metrics = pipeline.metrics();
            DeliveryVerifier verifier = pipeline.add(new VerifierPart(idBase));
            ClusterWatch watch = pipeline.add(ClusterWatch.part(CLUSTER_WATCH_MS));
            for (HeadlessRun.HeadlessExtension e : extensions) {
                e.attach(pipeline);
            }
            if (!pipeline.startAllWhenReady(Duration.ofSeconds(60))) {
                progress.accept("the CDC poller is not running yet (" + pipeline.poller().status().message() + "); writing anyway");
            }
            failOnReset(pipeline);
            long writeStart = System.nanoTime();
            long deadline = writeStart + duration.toNanos();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(progressEvery.toNanos(), deadline - System.nanoTime());
                if (interrupted.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                printProgress(pipeline, verifier, writeStart);
                failOnReset(pipeline);
            }
            pipeline.writer().stop();
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            long[] expected = idsAbove(idBase);
            // The retention may have trimmed published rows of this run: the writer's count says how many there were.
            long written = metrics.counters(Pipeline.WRITER).items();
            long toVerify = Math.max(expected.length, written);
            progress.accept("writer stopped after " + String.format(Locale.ROOT, "%.1f", writeSeconds) + " s; draining "
                    + toVerify + " rows");
            drain(verifier, toVerify, pipeline);
            for (HeadlessRun.HeadlessExtension e : extensions) {
                e.drain(Duration.ofSeconds(30));
            }
            pipeline.stopAll();
            metrics.roll();

            long missing = Math.max(verifier.missing(expected), written - verifier.verified());
            long duplicates = verifier.duplicates();
            ObjectNode summary = summary(pipeline, verifier, expected.length, missing, duplicates, writeSeconds);
            for (HeadlessRun.HeadlessExtension e : extensions) {
                e.summarize(summary);
            }
            ArrayNode changes = summary.putObject("cluster").putArray("changes");
            watch.changes().forEach(c -> changes.addObject().put("at_epoch_ms", c.atMillis())
                    .put("problem", c.problem().isEmpty() ? "healthy" : c.problem()));
            return new Result(summary, missing == 0 && duplicates == 0, pipeline.poller().firstPublishMillis());
        }
    }

    private static void failOnReset(Pipeline pipeline) throws SourceReset {
        java.util.Optional<String> reset = pipeline.poller().pendingReset();
        if (reset.isPresent()) {
            pipeline.writer().stop();
            throw new SourceReset(reset.get() + " Nothing was verified.");
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
                progress.accept("no progress for " + DRAIN_QUIET_LIMIT.toSeconds() + " s while draining; "
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
        for (HeadlessRun.HeadlessExtension e : extensions) {
            String part = e.progress();
            if (!part.isEmpty()) {
                line.append(' ').append(part);
            }
        }
        for (Stage stage : pipeline.stages()) {
            if (stage.status().state() == StageState.DEGRADED || stage.status().state() == StageState.FAILED) {
                line.append(" | ").append(stage.name()).append(' ').append(stage.status().state()).append(": ")
                        .append(stage.status().message());
            }
        }
        progress.accept(line.toString());
    }

    private ObjectNode summary(Pipeline pipeline, DeliveryVerifier verifier, long rowsInDb, long missing, long duplicates,
                               double writeSeconds) {
        PipelineMetrics.Snapshot s = pipeline.metrics().snapshot();
        long written = s.count(Pipeline.WRITER);
        ObjectNode o = JSON.createObjectNode();
        o.put("rows_written", written);
        o.put("rows_in_db", rowsInDb);
        o.put("rows_trimmed", s.count(Pipeline.RETENTION));
        o.put("events_published", s.count(Pipeline.POLLER));
        o.put("events_verified", verifier.verified());
        o.put("lost", missing);
        o.put("duplicated", duplicates);
        o.put("earlier_rows_published", verifier.outsideRun());
        o.put("unreadable_events", verifier.unreadable());
        o.put("rows_per_s", Math.round(written / Math.max(writeSeconds, 1e-9)));
        o.put("duration_s", round(writeSeconds));
        o.set("e2e_latency_ms", latency(s.total(Pipeline.HOP_END_TO_END)));
        DeliveryVerifier.Stall stall = verifier.stall();
        ObjectNode st = o.putObject("stall");
        st.put("longest_gap_ms", stall.gapMs());
        st.put("from_epoch_ms", stall.fromMs());
        st.put("to_epoch_ms", stall.toMs());
        st.put("recovered_epoch_ms", stall.recoveredMs());
        st.put("recovery_ms", stall.recoveryMs());
        ObjectNode hops = o.putObject("hops_ms");
        hops.set(Pipeline.HOP_CAPTURE, latency(s.total(Pipeline.HOP_CAPTURE)));
        hops.set(Pipeline.HOP_KAFKA, latency(s.total(Pipeline.HOP_KAFKA)));
        ObjectNode cfg = o.putObject("settings");
        cfg.put("max_rate", settings.maxRate());
        cfg.put("rows_per_burst", settings.rowsPerBurst());
        cfg.put("burst_interval_ms", settings.burstIntervalMs());
        cfg.put("writer_threads", settings.writerThreads());
        cfg.put("partitions", settings.partitions());
        cfg.put("poll_batch", settings.pollBatchSize());
        return o;
    }

    /** A latency summary as JSON, milliseconds. */
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

    private long maxId() throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM livedb")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long[] idsAbove(long idBase) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            long[] ids = new long[1 << 16];
            int n = 0;
            try (ResultSet rs = st.executeQuery("SELECT id FROM livedb WHERE id > " + idBase + " ORDER BY id")) {
                while (rs.next()) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                    }
                    ids[n++] = rs.getLong(1);
                }
            }
            return Arrays.copyOf(ids, n);
        }
    }
}
