package dev.flowdeck.app.bench;

import dev.flowdeck.app.cli.DurationConverter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck bench-tail}: the Messages page's live tail on the pipeline's topic, with the pipeline writing at a
 * set rate, in a real window (use Xvfb without a display). Prints one JSON line of figures on stdout.
 */
@Command(name = "bench-tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the Messages page's live tail while the pipeline runs: records/s taken in and shown, "
                + "drops, the age of the newest shown record, frames per second, the longest gap between frames and "
                + "the FX thread's ping delay. Needs a display (e.g. Xvfb :99 & DISPLAY=:99)."})
public final class BenchTailCommand implements Callable<Integer> {
    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "10s",
            description = "Tail running before the measurement starts (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--rows-per-burst", paramLabel = "N", defaultValue = "2500",
            description = "Rows per burst (default: ${DEFAULT-VALUE}).")
    int rowsPerBurst;

    @Option(names = "--burst-interval-ms", paramLabel = "T", defaultValue = "100",
            description = "Milliseconds between bursts (default: ${DEFAULT-VALUE}: 25,000 rows/s).")
    long burstIntervalMs;

    @Option(names = "--json-filter", paramLabel = "EXPR", description = "A JSON filter for the tail, e.g. region=eu-west.")
    String jsonFilter;

    @Option(names = "--baseline", description = "Measure the same window and pipeline with the tail off, for comparison.")
    boolean baseline;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder for the embedded broker and database "
            + "(default: a new temporary folder).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("flowdeck-bench-tail");
        TailBench.Result r = TailBench.run(new TailBench.Options(dir, duration, warmup, rowsPerBurst, burstIntervalMs, jsonFilter, !baseline),
                step -> System.err.println("flowdeck: " + step));
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("tail", !baseline);
        out.put("events_per_s", Math.round(r.eventsPerSecond()));
        out.put("tail_received_per_s", Math.round(r.tailReceivedPerSecond()));
        out.put("tail_shown_per_s", Math.round(r.tailShownPerSecond()));
        out.put("tail_received", r.tailReceived());
        out.put("tail_dropped", r.tailDropped());
        out.put("table_rows", r.tableRows());
        out.put("newest_age_p50_ms", r.newestAgeP50Ms());
        out.put("newest_age_p99_ms", r.newestAgeP99Ms());
        out.put("fps", Math.round(r.fps() * 10) / 10.0);
        out.put("longest_frame_gap_ms", r.longestFrameGapMs());
        out.put("fx_ping_p50_ms", r.pingP50Ms());
        out.put("fx_ping_p99_ms", r.pingP99Ms());
        out.put("fx_ping_max_ms", r.pingMaxMs());
        out.put("fx_thread_cpu_pct", Math.round(r.fxThreadCpuPercent() * 10) / 10.0);
        out.put("render_thread_cpu_pct", Math.round(r.renderThreadCpuPercent() * 10) / 10.0);
        out.put("tail_thread_cpu_pct", Math.round(r.tailThreadCpuPercent() * 10) / 10.0);
        out.put("process_cpu_pct", Math.round(r.processCpuPercent() * 10) / 10.0);
        out.put("heap_mb_start", r.heapMbStart());
        out.put("heap_mb_end", r.heapMbEnd());
        out.put("measured_s", Math.round(r.measuredSeconds() * 10) / 10.0);
        System.out.println(out);
        return 0;
    }
}
