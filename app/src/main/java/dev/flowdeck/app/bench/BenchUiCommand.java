package dev.flowdeck.app.bench;

import dev.flowdeck.app.cli.DurationConverter;
import dev.flowdeck.app.cli.ConnectionOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.ui.ConsoleLauncher;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code flowdeck bench-ui}: opens the real window, runs the pipeline at the given rate with every chart live, and
 * prints one JSON object: frames per second, longest pulse, heap at start and end, events per second.
 */
@Command(name = "bench-ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures how smoothly the console window runs under load: opens the real window (it needs a "
                + "display; Xvfb works), runs the pipeline with every chart live, then prints one JSON object on stdout:",
                "fps, longest_pulse_ms, heap_mb_start, heap_mb_end, events_per_s (plus longest_gap_ms, frames, seconds, "
                        + "window_visible_ms, pipeline_running_ms).",
                "longest_pulse_ms: the most time the FX thread spent in one pulse (animation to the end of layout); "
                        + "longest_gap_ms: the most time between the starts of two pulses."})
public final class BenchUiCommand implements Callable<Integer> {
    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to measure after the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warm-up", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "20s",
            description = "How long the pipeline runs before measuring starts, so the JIT compiler has settled "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--rows-per-burst", paramLabel = "N", defaultValue = "2500",
            description = "Rows per burst (default: ${DEFAULT-VALUE}; with 100 ms bursts, 25,000 rows/s).")
    int rowsPerBurst;

    @Option(names = "--burst-interval-ms", paramLabel = "T", defaultValue = "100",
            description = "Milliseconds between bursts (default: ${DEFAULT-VALUE}).")
    long burstIntervalMs;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        BenchPlan plan = new BenchPlan(duration, warmUp, rowsPerBurst, burstIntervalMs);
        AtomicReference<BenchResult> result = new AtomicReference<>();
        ConsoleLauncher.open(connection.toInfrastructure(), plan.settings(), (console, visibleMs) ->
                new BenchRun(console, plan, visibleMs, r -> {
                    result.set(r);
                    console.close(Platform::exit);
                }).start());
        BenchResult r = result.get();
        if (r == null) {
            System.err.println("flowdeck: bench-ui: the window was closed before the measurement finished");
            return 1;
        }
        if (!r.note().isEmpty()) {
            System.err.println("flowdeck: bench-ui: " + r.note());
            return 1;
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("fps", round(r.fps()));
        o.put("longest_pulse_ms", round(r.longestPulseMs()));
        o.put("longest_gap_ms", round(r.longestGapMs()));
        o.put("heap_mb_start", r.heapMbStart());
        o.put("heap_mb_end", r.heapMbEnd());
        o.put("events_per_s", Math.round(r.eventsPerS()));
        o.put("frames", r.frames());
        o.put("seconds", round(r.seconds()));
        o.put("window_visible_ms", Math.round(r.windowVisibleMs()));
        o.put("pipeline_running_ms", Math.round(r.pipelineRunningMs()));
        System.out.println(o);
        System.out.flush();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
