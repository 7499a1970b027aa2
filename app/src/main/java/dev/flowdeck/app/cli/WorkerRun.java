package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaProbe;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lifecycle of {@code flowdeck worker}: connect, start the chosen parts of the pipeline, print progress until the
 * duration ends or the process is asked to stop (SIGTERM, Ctrl+C), stop them cleanly and print a JSON summary.
 *
 * <p>On SIGTERM the JVM runs its shutdown hooks and then halts; the hook here therefore waits (bounded) until the
 * main thread has stopped the stages — Kafka Streams commits and leaves the group — and printed the summary.
 */
final class WorkerRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for Kafka Streams' close (it commits, then leaves the group) and the tiers' final commits. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(40);

    private final ConnectionOptions connection;
    private final PipelineSettings settings;
    private final List<HeadlessRun.HeadlessExtension> parts;
    private final Duration duration;
    private final Duration progressEvery;
    private final PrintStream out;
    private final PrintStream err;

    WorkerRun(ConnectionOptions connection, PipelineSettings settings, List<HeadlessRun.HeadlessExtension> parts,
              Duration duration, Duration progressEvery, PrintStream out, PrintStream err) {
        this.connection = connection;
        this.settings = settings;
        this.parts = List.copyOf(parts);
        this.duration = duration;
        this.progressEvery = progressEvery;
        this.out = out;
        this.err = err;
    }

    int execute() throws Exception {
        Infrastructure.Options options = connection.toInfrastructure();
        Consumer<String> progress = this::progress;
        try (Infrastructure infra = Infrastructure.start(options, progress)) {
            progress.accept("checking Kafka at " + infra.kafka().bootstrapServers());
            KafkaProbe.ClusterInfo cluster = KafkaProbe.check(infra.kafka(), Duration.ofSeconds(6));
            progress.accept("checking the database at " + infra.database().safeUrl());
            Database db = Database.connect(infra.database());
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(STOP_LIMIT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flowdeck-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ObjectNode summary = run(infra, db, cluster, stop);
                out.println(JSON.writeValueAsString(summary));
                out.flush();
                return HeadlessRun.EXIT_OK;
            } finally {
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down: the hook is what let us finish
                }
            }
        }
    }

    private ObjectNode run(Infrastructure infra, Database db, KafkaProbe.ClusterInfo cluster, CountDownLatch stop) throws Exception {
        // The pipeline holds the metrics and the stages' order; its writer and poller run in another process.
        try (Pipeline pipeline = new Pipeline(db, infra.kafka(), settings, Seeds.load(null, p -> { }))) {
            for (HeadlessRun.HeadlessExtension part : parts) {
                part.attach(pipeline);
            }
            progress("worker joining " + infra.kafka().bootstrapServers() + " (" + cluster.brokers() + " broker"
                    + (cluster.brokers() == 1 ? "" : "s") + "), topic " + settings.topic()
                    + (duration == null ? ", until stopped" : ", for " + duration.toSeconds() + " s"));
            pipeline.startAdded();
            long start = System.nanoTime();
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            boolean signalled = false;
            while (System.nanoTime() < deadline) {
                long wait = Math.min(progressEvery.toNanos(), deadline - System.nanoTime());
                if (stop.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    signalled = true;
                    break;
                }
                printProgress(pipeline, start);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            progress((signalled ? "asked to stop" : "duration over") + " after " + String.format(Locale.ROOT, "%.1f", seconds)
                    + " s; stopping (committing and leaving the group)");
            pipeline.stopAll();
            pipeline.metrics().roll();
            ObjectNode summary = JSON.createObjectNode();
            ObjectNode w = summary.putObject("worker");
            w.put("stopped_by", signalled ? "signal" : "duration");
            w.put("duration_s", VerifiedRun.round(seconds));
            ArrayNode stages = w.putArray("stages");
            pipeline.stages().stream().filter(s -> s != pipeline.writer() && s != pipeline.poller()).forEach(s -> stages.add(s.name()));
            for (HeadlessRun.HeadlessExtension part : parts) {
                part.summarize(summary);
            }
            ObjectNode k = summary.putObject("kafka");
            k.put("bootstrap_servers", infra.kafka().bootstrapServers());
            k.put("brokers", cluster.brokers());
            k.put("topic", settings.topic());
            ObjectNode d = summary.putObject("database");
            d.put("mode", infra.embeddedDatabase() ? "embedded-h2" : "postgresql");
            d.put("url", infra.database().safeUrl());
            return summary;
        }
    }

    private void printProgress(Pipeline pipeline, long start) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%4.0fs", (System.nanoTime() - start) / 1e9));
        for (HeadlessRun.HeadlessExtension part : parts) {
            String p = part.progress();
            if (!p.isEmpty()) {
                line.append(' ').append(p);
            }
        }
        for (Stage stage : pipeline.stages()) {
            StageState state = stage.status().state();
            if (state == StageState.DEGRADED || state == StageState.FAILED || state == StageState.STARTING) {
                line.append(" | ").append(stage.name()).append(' ').append(state).append(": ").append(stage.status().message());
            }
        }
        progress(line.toString());
    }

    private void progress(String message) {
        err.println("flowdeck: " + message);
        err.flush();
    }
}
