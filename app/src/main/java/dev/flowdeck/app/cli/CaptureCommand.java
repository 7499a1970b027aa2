package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.cdc.capture.CaptureException;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.CaptureSources;
import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.db.Dialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code flowdeck capture --tables public.orders,...}: snapshots the tables, then streams their inserts, updates and
 * deletes into one topic each until {@code --duration} passes or the process is interrupted; keeps its replication
 * slot so the next run resumes; prints one JSON summary on stdout and progress on stderr.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Capture the inserts, updates and deletes of your own tables into Kafka, exactly once: first a "
                + "snapshot of each table, then every change from the database's log (PostgreSQL: logical decoding with "
                + "a publication and a replication slot Flowdeck creates). One topic per table: <prefix>.<schema>.<table>, "
                + "events in Debezium's JSON envelope.",
                "The slot stays between runs so the next run resumes where this one stopped; --release drops it."})
public final class CaptureCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    @Option(names = "--tables", required = true, paramLabel = "SCHEMA.TABLE[,...]",
            description = "The tables to capture, e.g. public.orders,public.order_lines. Each needs a primary key.")
    String tables;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = TableId.DEFAULT_TOPIC_PREFIX,
            description = "Topics are <prefix>.<schema>.<table> (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 40s, 10m (default: until interrupted with Ctrl-C).")
    Duration duration;

    @Option(names = "--no-tombstones", description = "Do not follow each delete with a tombstone (a null value).")
    boolean noTombstones;

    @Option(names = "--release", description = "Drop the replication slot and publication this capture created, then exit "
            + "(an abandoned slot holds back the database's log and fills its disk). The next capture starts with a snapshot.")
    boolean release;

    @Option(names = "--progress-every", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often progress is printed on stderr (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    private final PrintStream out;
    private final PrintStream err;

    public CaptureCommand() {
        this(System.out, System.err);
    }

    CaptureCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        List<TableId> ids = TableId.parseList(tables);
        Infrastructure.Options options = connection.toInfrastructure();
        CaptureSources.requireAvailable(options.embeddedDatabase() ? Dialect.H2 : Dialect.POSTGRESQL);
        CaptureSettings settings = new CaptureSettings(ids, topicPrefix, !noTombstones, null, null,
                connection.dataDirOrDefault().resolve("capture"), null, null);
        try (Infrastructure infra = Infrastructure.start(options, step -> progress(step))) {
            CaptureSource capture = CaptureSources.create(infra.database(), infra.kafka(), settings);
            if (release) {
                capture.release();
                ObjectNode summary = JSON.createObjectNode();
                summary.put("released", capture.retainedResource());
                summary.put("publication", settings.publicationName());
                out.println(JSON.writeValueAsString(summary));
                return 0;
            }
            return run(infra, capture);
        }
    }

    private int run(Infrastructure infra, CaptureSource capture) throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS); // let the capture stop cleanly and the summary print
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flowdeck-capture-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        try {
            progress("capturing " + capture.settings().tables().stream().map(TableId::toString).collect(Collectors.joining(", "))
                    + " into Kafka at " + infra.kafka().bootstrapServers());
            capture.start();
            if (!capture.awaitState(StageState.RUNNING, START_LIMIT)) {
                capture.stop();
                throw failure(capture);
            }
            progress("running: " + capture.status().message());
            long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(progressEvery.toMillis(), TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (interrupted.await(Math.max(1, wait), TimeUnit.MILLISECONDS)) {
                    progress("interrupted: stopping");
                    break;
                }
                if (capture.status().state() == StageState.FAILED) {
                    break;
                }
                progress(progressLine(capture));
            }
            boolean failed = capture.status().state() == StageState.FAILED;
            capture.stop();
            if (failed) {
                throw failure(capture);
            }
            out.println(JSON.writeValueAsString(summary(infra, capture, started)));
            out.flush();
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private static CaptureException failure(CaptureSource capture) {
        StageStatus status = capture.status();
        return capture.failure().orElseGet(() -> new CaptureException(CaptureException.Reason.FAILED,
                status.state() == StageState.FAILED ? status.message()
                        : "the capture did not start within " + START_LIMIT.toSeconds() + " s (" + status.message() + ")"));
    }

    static String progressLine(CaptureSource capture) {
        return capture.tableStats().stream().map(s -> String.format(Locale.ROOT, "%s %s +%d ~%d -%d lag %s %.0f/s",
                        s.table(), s.snapshotComplete() ? "snapshot " + s.snapshotRowsDone()
                                : String.format(Locale.ROOT, "snapshot %d/%d", s.snapshotRowsDone(), Math.max(0, s.snapshotRowsTotal())),
                        s.inserts(), s.updates(), s.deletes(), s.lastLagMs() < 0 ? "-" : s.lastLagMs() + " ms", s.rate()))
                .collect(Collectors.joining(" | ")) + capture.committedPosition().map(p -> " @ " + p).orElse("");
    }

    private ObjectNode summary(Infrastructure infra, CaptureSource capture, long startedNanos) {
        ObjectNode s = JSON.createObjectNode();
        s.put("state", capture.status().state().name().toLowerCase(Locale.ROOT));
        s.put("duration_s", Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0);
        s.put("slot", capture.retainedResource());
        capture.committedPosition().ifPresent(p -> s.put("position", p));
        long lag = -1;
        ArrayNode tablesNode = s.putArray("tables");
        for (TableCaptureStats t : capture.tableStats()) {
            ObjectNode n = tablesNode.addObject();
            n.put("table", t.table().toString());
            n.put("topic", t.topic());
            n.put("snapshot_rows", t.snapshotRowsDone());
            n.put("inserts", t.inserts());
            n.put("updates", t.updates());
            n.put("deletes", t.deletes());
            n.put("last_lag_ms", t.lastLagMs());
            lag = Math.max(lag, t.lastLagMs());
        }
        s.put("lag_ms", lag);
        ObjectNode k = s.putObject("kafka");
        k.put("mode", infra.embeddedKafka() ? "embedded" : "external");
        k.put("bootstrap_servers", infra.kafka().bootstrapServers());
        ObjectNode d = s.putObject("database");
        d.put("mode", infra.embeddedDatabase() ? "embedded-h2" : "postgresql");
        d.put("url", infra.database().safeUrl());
        return s;
    }

    private void progress(String message) {
        err.println("flowdeck capture: " + message);
        err.flush();
    }
}
