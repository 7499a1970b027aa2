package dev.flowdeck.app.bench;

import dev.flowdeck.app.ui.Console;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives bench-ui on its own thread: waits until the pipeline publishes, lets it warm up, measures frames and events
 * for the planned time with the Pipeline page and every chart live, then hands the result back (FX thread).
 */
public final class BenchRun {
    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
    private static final long READY_LIMIT_MS = 120_000;

    private final Console console;
    private final BenchPlan plan;
    private final double windowVisibleMs;
    private final Consumer<BenchResult> done;

    public BenchRun(Console console, BenchPlan plan, double windowVisibleMs, Consumer<BenchResult> done) {
        this.console = console;
        this.plan = plan;
        this.windowVisibleMs = windowVisibleMs;
        this.done = done;
    }

    public void start() {
        Thread t = new Thread(this::run, "flowdeck-bench-ui");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        BenchResult result;
        try {
            result = measure();
        } catch (Exception e) {
            log.error("bench-ui failed", e);
            result = new BenchResult(0, 0, 0, 0, 0, 0, 0, 0, windowVisibleMs, -1, "failed: " + e.getMessage());
        }
        BenchResult r = result;
        Platform.runLater(() -> done.accept(r));
    }

    private BenchResult measure() throws Exception {
        ConsoleSession session = console.session();
        long t0 = System.nanoTime();
        while (!publishing(session)) {
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) > READY_LIMIT_MS) {
                throw new IllegalStateException("the pipeline did not start within 120 s: " + session.status().message());
            }
            Thread.sleep(200);
        }
        double runningMs = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("bench-ui: pipeline publishing; warming up for {} s", plan.warmUp().toSeconds());
        Thread.sleep(plan.warmUp().toMillis());

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapStart = heapAfterGc(memory);
        Pipeline pipeline = session.pipeline().orElseThrow();
        FrameMeter meter = new FrameMeter(console.root().getScene());
        onFx(meter::start);
        long eventsStart = pipeline.metrics().counters(Pipeline.POLLER).items();
        long start = System.nanoTime();
        Thread.sleep(plan.duration().toMillis());
        long eventsEnd = pipeline.metrics().counters(Pipeline.POLLER).items();
        double seconds = (System.nanoTime() - start) / 1e9;
        FrameMeter.Result frames = onFxGet(meter::stop);
        long heapEnd = heapAfterGc(memory);
        double eventsPerS = (eventsEnd - eventsStart) / seconds;
        log.info("bench-ui: {} frames in {} s, longest pulse {} ms, longest gap {} ms, {} events/s", frames.frames(),
                frames.seconds(), frames.longestPulseMs(), frames.longestGapMs(), eventsPerS);
        return new BenchResult(frames.fps(), frames.longestPulseMs(), frames.longestGapMs(), heapStart, heapEnd, eventsPerS,
                frames.frames(), frames.seconds(), windowVisibleMs, runningMs, "");
    }

    /** Live heap in MB: used heap right after a full collection (the lower of two, a second apart). */
    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            System.gc();
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed() >> 20);
            Thread.sleep(1_000);
        }
        return best;
    }

    private static boolean publishing(ConsoleSession session) {
        if (session.status().phase() == ConsoleSession.Phase.FAILED) {
            throw new IllegalStateException("the pipeline failed to start: " + session.status().message());
        }
        return session.status().phase() == ConsoleSession.Phase.RUNNING && session.pipeline()
                .map(p -> p.poller().status().state() == StageState.RUNNING && p.metrics().counters(Pipeline.POLLER).items() > 0)
                .orElse(false);
    }

    private static void onFx(Runnable r) throws Exception {
        onFxGet(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T onFxGet(java.util.function.Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
