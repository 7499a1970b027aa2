package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.source.SeedRow;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
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
    /** The source database was reset under the CDC and no {@code --on-reset} choice was given. */
    public static final int EXIT_SOURCE_RESET = 4;
    /** How long an interrupted run may take to drain, print its summary and close. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

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

        /** A few words for the progress line on stderr (e.g. {@code processor=1200 lag=0 alerts=3}); empty: nothing. */
        default String progress() {
            return "";
        }
    }

    public HeadlessRun(ConnectionOptions connection, RunOptions run, List<HeadlessExtension> extensions, PrintStream out, PrintStream err) {
        this.connection = connection;
        this.run = run;
        this.extensions = List.copyOf(extensions);
        this.out = out;
        this.err = err;
    }

    public int execute() throws Exception {
        PipelineSettings settings = run.toSettings().dataFolder(connection.dataDirOrDefault());
        List<SeedRow> seed = Seeds.load(run.seedFile, problem -> err.println("seed: " + problem));
        Infrastructure.Options options = connection.toInfrastructure();
        Consumer<String> progress = step -> err.println("flowdeck: " + step);
        // Ctrl-C (SIGINT/SIGTERM): the hook tells the run to stop, then holds the JVM until the run has drained,
        // printed its summary and closed the broker and database, so an interrupted run still ends cleanly
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                if (!finished.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    err.println("flowdeck: interrupted; the run did not finish within " + SHUTDOWN_GRACE.toSeconds() + " s, stopping anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flowdeck-headless-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Infrastructure infra = Infrastructure.start(options, progress)) {
            progress.accept("checking Kafka at " + infra.kafka().bootstrapServers());
            KafkaProbe.check(infra.kafka(), Duration.ofSeconds(6));
            progress.accept("checking the database at " + infra.database().safeUrl());
            Database db = Database.connect(infra.database());
            return runPipeline(infra, db, settings, seed, interrupted);
        } catch (VerifiedRun.SourceReset e) {
            err.println("flowdeck: " + e.getMessage());
            return EXIT_SOURCE_RESET;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is waiting for the countDown above
            }
        }
    }

    private int runPipeline(Infrastructure infra, Database db, PipelineSettings settings, List<SeedRow> seed,
                            CountDownLatch interrupted) throws Exception {
        VerifiedRun.Result result = new VerifiedRun(infra.kafka(), db, settings, seed, extensions, this::progress)
                .run(run.duration, run.progressEvery, interrupted);
        ObjectNode summary = result.summary();
        ObjectNode k = summary.putObject("kafka");
        k.put("mode", infra.embeddedKafka() ? "embedded" : "external");
        k.put("bootstrap_servers", infra.kafka().bootstrapServers());
        k.put("topic", settings.topic());
        if (infra.embeddedKafka()) {
            k.put("broker_start_ms", infra.brokerStartup().toMillis());
        }
        if (result.firstPublishMillis() > 0) {
            k.put("first_produce_ms", result.firstPublishMillis() - infra.startedAtMillis());
        }
        ObjectNode d = summary.putObject("database");
        d.put("mode", infra.embeddedDatabase() ? "embedded-h2" : "postgresql");
        d.put("url", infra.database().safeUrl());
        out.println(JSON.writeValueAsString(summary));
        out.flush();
        return result.clean() ? EXIT_OK : EXIT_LOSS;
    }

    private void progress(String message) {
        err.println("flowdeck: " + message);
        err.flush();
    }
}
