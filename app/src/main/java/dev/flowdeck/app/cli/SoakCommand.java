package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.DataFolderUsage;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.source.SeedRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code flowdeck soak}: the whole pipeline (writer, poller, processor, tiers, retention) at a fixed rate for a long
 * time, to show that a second day looks like the first. Before and after, a max-rate run on the same data folder
 * measures how fast the pipeline still is. One JSON line per report on stdout (every {@code --report-every} and
 * at the end): rows/s, end-to-end p99, heap after GC, the data folder per part.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the full pipeline (processor and tiers on) at a fixed rate for a long time and reports every "
                + "minute: rows/s, end-to-end p99, heap after GC, data folder size per part (Kafka, H2, Streams state). "
                + "A max-rate run before and after shows whether the pipeline slowed down as the data grew.",
                "Every row is verified: the last line says whether any was lost or published twice."})
public final class SoakCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "30m",
            description = "How long the fixed-rate part runs (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "ROWS_PER_S", defaultValue = "5000",
            description = "Rows per second the writer inserts, in bursts every 100 ms (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--probe", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "20s",
            description = "Length of the max-rate run before and after the soak (default: ${DEFAULT-VALUE}; 0: none).")
    Duration probe;

    @Option(names = "--report-every", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "60s",
            description = "How often a report line is printed (default: ${DEFAULT-VALUE}).")
    Duration reportEvery;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RetentionOptions retention;

    @Mixin
    ProcessorOptions processor;

    @Mixin
    TierOptions tiers;

    @Override
    public Integer call() throws Exception {
        if (rate < 10 || rate > 1_000_000) {
            throw new IllegalArgumentException("--rate must be between 10 and 1,000,000 rows per second (got " + rate + ")");
        }
        processor.enabled = true;
        tiers.enabled = true;
        List<SeedRow> seed = Seeds.load(null, problem -> System.err.println("seed: " + problem));
        Path folder = connection.dataDirOrDefault();
        HeapAfterGc heap = HeapAfterGc.install();
        try (Infrastructure infra = Infrastructure.start(connection.toInfrastructure(), step -> System.err.println("soak: " + step))) {
            KafkaProbe.check(infra.kafka(), Duration.ofSeconds(6));
            Database db = Database.connect(infra.database());
            ObjectNode summary = JSON.createObjectNode();
            summary.put("report", "summary");
            summary.set("data_folder_at_start", usage(folder));

            ObjectNode before = probe(infra, db, seed, "max_rate_before");
            List<HeadlessRun.HeadlessExtension> extensions = new ArrayList<>();
            processor.extension().ifPresent(extensions::add);
            tiers.extension().ifPresent(extensions::add);
            extensions.add(new Reporter(folder, heap));
            PipelineSettings settings = settings().rowsPerBurst(Math.max(1, rate / 10)).burstIntervalMs(100);
            VerifiedRun.Result soak = new VerifiedRun(infra.kafka(), db, settings, seed, extensions, line -> System.err.println("soak: " + line))
                    .run(duration, reportEvery, new CountDownLatch(1));
            ObjectNode after = probe(infra, db, seed, "max_rate_after");

            summary.set("soak", soak.summary());
            if (before != null && after != null) {
                long r0 = before.get("rows_per_s").asLong();
                long r1 = after.get("rows_per_s").asLong();
                summary.put("max_rate_before", r0);
                summary.put("max_rate_after", r1);
                summary.put("max_rate_after_vs_before", Math.round(r1 * 1000.0 / Math.max(1, r0)) / 1000.0);
            }
            summary.set("data_folder_at_end", usage(folder));
            summary.put("heap_after_gc_mb", heap.lastMb());
            summary.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            boolean clean = soak.clean() && (before == null || clean(before)) && (after == null || clean(after));
            summary.put("clean", clean);
            emit(summary);
            return clean ? HeadlessRun.EXIT_OK : HeadlessRun.EXIT_LOSS;
        }
    }

    private PipelineSettings settings() {
        PipelineSettings s = new PipelineSettings();
        retention.applyTo(s.retention());
        return s;
    }

    /** A max-rate run on the same data folder, or null when --probe is 0. */
    private ObjectNode probe(Infrastructure infra, Database db, List<SeedRow> seed, String name) throws Exception {
        if (probe.isZero()) {
            return null;
        }
        PipelineSettings s = settings().maxRate(true).pollBatchSize(10_000);
        ObjectNode o = new VerifiedRun(infra.kafka(), db, s, seed, List.of(), line -> System.err.println("soak " + name + ": " + line))
                .run(probe, Duration.ofSeconds(5), new CountDownLatch(1)).summary();
        ObjectNode line = JSON.createObjectNode();
        line.put("report", name);
        line.put("rows_per_s", o.get("rows_per_s").asLong());
        line.put("lost", o.get("lost").asLong());
        line.put("duplicated", o.get("duplicated").asLong());
        line.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        emit(line);
        return line;
    }

    private static boolean clean(ObjectNode run) {
        return run.get("lost").asLong() == 0 && run.get("duplicated").asLong() == 0;
    }

    static ObjectNode usage(Path folder) {
        DataFolderUsage u = DataFolderUsage.measure(folder);
        ObjectNode o = JSON.createObjectNode();
        u.parts().forEach((part, bytes) -> o.put(part + "_mb", mb(bytes)));
        o.put("total_mb", mb(u.totalBytes()));
        o.put("free_gb", Math.round(u.freeBytes() / 1e8) / 10.0);
        return o;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1e5) / 10.0;
    }

    private static void emit(ObjectNode o) throws Exception {
        System.out.println(JSON.writeValueAsString(o));
        System.out.flush();
    }

    /** Prints one report line per progress tick of the soak, and puts the last figures in the summary. */
    private static final class Reporter implements HeadlessRun.HeadlessExtension {
        private final Path folder;
        private final HeapAfterGc heap;
        private Pipeline pipeline;
        private long startNanos;
        private long lastWritten;
        private long lastNanos;

        Reporter(Path folder, HeapAfterGc heap) {
            this.folder = folder;
            this.heap = heap;
        }

        @Override
        public void attach(Pipeline p) {
            pipeline = p;
            startNanos = System.nanoTime();
            lastNanos = startNanos;
        }

        @Override
        public String progress() {
            var s = pipeline.metrics().snapshot();
            long now = System.nanoTime();
            long written = s.count(Pipeline.WRITER);
            ObjectNode o = JSON.createObjectNode();
            o.put("report", "soak");
            o.put("t_s", Math.round((now - startNanos) / 1e9));
            o.put("rows_per_s", Math.round((written - lastWritten) / Math.max(1e-9, (now - lastNanos) / 1e9)));
            o.put("rows_written", written);
            o.put("rows_trimmed", s.count(Pipeline.RETENTION));
            o.put("behind", written - s.count(Pipeline.POLLER));
            o.put("e2e_p99_ms", VerifiedRun.round(s.recent(Pipeline.HOP_END_TO_END).p99()));
            o.put("heap_after_gc_mb", heap.lastMb());
            o.set("data_folder", usage(folder));
            o.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            lastWritten = written;
            lastNanos = now;
            try {
                emit(o);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return String.format(Locale.ROOT, "heap_after_gc=%.0fMB data=%.0fMB", heap.lastMb(), o.get("data_folder").get("total_mb").asDouble());
        }

        @Override
        public void summarize(ObjectNode summary) {
            summary.put("heap_after_gc_mb", heap.lastMb());
        }
    }
}
