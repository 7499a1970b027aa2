package dev.flowdeck.app.bench;

import dev.flowdeck.app.ui.admin.MessagesViewModel;
import dev.flowdeck.app.ui.admin.MessagesPage;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Measures the Messages page's live tail on the pipeline's topic while the pipeline runs at a set rate: how many
 * records per second the tail takes in and shows, what it drops, how old the newest shown record is, and whether
 * the FX thread stays responsive (frames per second, the longest gap between frames, the delay of a
 * {@code runLater} ping). Needs a display (Xvfb is fine).
 */
public final class TailBench {
    /** What to run. */
    /** @param tail false for a baseline: the same window and pipeline, the tail off */
    public record Options(Path dataDir, Duration duration, Duration warmup, int rowsPerBurst, long burstIntervalMs,
                          String jsonFilter, boolean tail) {
    }

    /** The figures. Times in milliseconds. */
    public record Result(double eventsPerSecond, double tailReceivedPerSecond, double tailShownPerSecond, long tailDropped,
                         long tailReceived, double fps, double longestFrameGapMs, double pingP50Ms, double pingP99Ms,
                         double pingMaxMs, double newestAgeP50Ms, double newestAgeP99Ms, int tableRows, long heapMbStart,
                         long heapMbEnd, double measuredSeconds, double fxThreadCpuPercent, double tailThreadCpuPercent,
                         double processCpuPercent, double renderThreadCpuPercent) {
    }

    private TailBench() {
    }

    public static Result run(Options o, Consumer<String> progress) throws Exception {
        PipelineSettings settings = new PipelineSettings().rowsPerBurst(o.rowsPerBurst()).burstIntervalMs(o.burstIntervalMs());
        progress.accept("starting the embedded broker and database in " + o.dataDir());
        try (Infrastructure infra = Infrastructure.start(Infrastructure.Options.embedded(o.dataDir()), progress)) {
            Database db = Database.connect(infra.database());
            CdcPoller.ensureTopics(infra.kafka(), settings);
            try (Pipeline pipeline = new Pipeline(db, infra.kafka(), settings, Seeds.load(null, s -> { }));
                 FxTaskRunner tasks = new FxTaskRunner()) {
                progress.accept("starting the pipeline at " + Math.round(settings.targetRowsPerSecond()) + " rows/s");
                pipeline.startAllWhenReady(Duration.ofSeconds(60));
                return measure(o, pipeline, new FixedContext(tasks, Optional.of(infra.kafka()), Optional.of(db),
                        o.dataDir(), o.dataDir().resolve("config")), progress);
            }
        }
    }

    private static Result measure(Options o, Pipeline pipeline, ConsoleContext context, Consumer<String> progress)
            throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        MessagesPage page = new MessagesPage(context);
        MessagesViewModel vm = page.viewModel();
        Meter meter = new Meter(vm);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            // the console's theme, as the shell sets it
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            Stage stage = new Stage();
            stage.setScene(new Scene((Parent) page.content(), 1280, 800));
            stage.setTitle("Flowdeck - tail bench");
            stage.show();
            vm.topicProperty().set(pipeline.settings().topic());
            vm.jsonFilterProperty().set(o.jsonFilter() == null ? "" : o.jsonFilter());
            if (o.tail()) {
                vm.startTail();
            }
            meter.start();
            shown.complete(stage);
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);

        long heapStart = usedHeapMb();
        progress.accept("tail running; warming up for " + o.warmup().toSeconds() + " s");
        LockSupport.parkNanos(o.warmup().toNanos()); // a benchmark's fixed warm-up, not synchronisation
        CpuClock cpu = new CpuClock();
        long writerAt0 = pipeline.metrics().counters(Pipeline.WRITER).items();
        long receivedAt0 = onFx(vm::tailReceived);
        long shownAt0 = meter.shown.get();
        long droppedAt0 = onFx(vm::tailDropped); // drops while the pipeline caught up its start-up backlog do not count
        meter.reset();
        long t0 = System.nanoTime();
        progress.accept("measuring for " + o.duration().toSeconds() + " s");
        LockSupport.parkNanos(o.duration().toNanos()); // the measurement window
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuClock.Use use = cpu.since();
        cpu.top(8).forEach(line -> progress.accept("cpu " + line));
        long writer = pipeline.metrics().counters(Pipeline.WRITER).items() - writerAt0;
        long received = onFx(vm::tailReceived) - receivedAt0;
        long shownCount = meter.shown.get() - shownAt0;
        Meter.Snapshot m = meter.snapshot(seconds);
        long dropped = onFx(vm::tailDropped) - droppedAt0;
        int rows = onFx(() -> vm.records().size());
        long heapEnd = usedHeapMb();

        meter.stop();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            page.close();
            stage.close();
            closed.complete(null);
        });
        closed.get(30, TimeUnit.SECONDS);
        Platform.exit();
        return new Result(writer / seconds, received / seconds, shownCount / seconds, dropped, received, m.fps(),
                m.longestGapMs(), m.pingP50(), m.pingP99(), m.pingMax(), m.ageP50(), m.ageP99(), rows, heapStart, heapEnd,
                seconds, use.fxPercent(), use.tailPercent(), use.processPercent(), use.renderPercent());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /**
     * CPU time over the window as % of one core: the FX thread (layout, the tail's table updates), JavaFX's render
     * thread (painting; software rendering under Xvfb), the tail's consumer thread, and the whole process (broker,
     * database and pipeline included).
     */
    private static final class CpuClock {
        record Use(double fxPercent, double tailPercent, double processPercent, double renderPercent) {
        }

        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final long wall0 = System.nanoTime();
        private final long fx0 = cpuOf("JavaFX Application Thread");
        private final long tail0 = cpuOf("flowdeck-tail-");
        private final long render0 = cpuOf("QuantumRenderer");
        private final long process0 = os.getProcessCpuTime();

        private long cpuOf(String namePrefix) {
            long sum = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(namePrefix)) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
                }
            }
            return sum;
        }

        private final java.util.Map<Long, Long> start = snapshotAll();

        private java.util.Map<Long, Long> snapshotAll() {
            java.util.Map<Long, Long> m = new java.util.HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                m.put(id, threads.getThreadCpuTime(id));
            }
            return m;
        }

        /** The threads that used the most CPU in the window, "name: % of a core". */
        java.util.List<String> top(int n) {
            double wall = System.nanoTime() - wall0;
            java.util.List<String> out = new java.util.ArrayList<>();
            java.util.Map<Long, Long> now = snapshotAll();
            now.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue() - start.getOrDefault(b.getKey(), 0L), a.getValue() - start.getOrDefault(a.getKey(), 0L)))
                    .limit(n).forEach(e -> {
                        java.lang.management.ThreadInfo info = threads.getThreadInfo(e.getKey());
                        out.add((info == null ? "?" : info.getThreadName()) + ": " + String.format(java.util.Locale.ROOT, "%.1f%%",
                                100.0 * (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / wall));
                    });
            return out;
        }

        Use since() {
            double wall = System.nanoTime() - wall0;
            return new Use(100.0 * (cpuOf("JavaFX Application Thread") - fx0) / wall,
                    100.0 * (cpuOf("flowdeck-tail-") - tail0) / wall, 100.0 * (os.getProcessCpuTime() - process0) / wall,
                    100.0 * (cpuOf("QuantumRenderer") - render0) / wall);
        }
    }

    private static long usedHeapMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }

    /**
     * Frames (an AnimationTimer: one call per pulse), the gap between frames, the age of the newest shown record,
     * and a ping: every 20 ms a background thread posts one runLater (never more than one outstanding) and records
     * how long it waited for the FX thread.
     */
    private static final class Meter {
        private final MessagesViewModel vm;
        private final java.util.concurrent.atomic.AtomicLong shown = new java.util.concurrent.atomic.AtomicLong();
        private final Histogram gaps = new Histogram(60_000_000L, 3);
        private final Histogram pings = new Histogram(60_000_000L, 3);
        private final Histogram ages = new Histogram(3_600_000L, 3);
        private final AtomicBoolean pingOutstanding = new AtomicBoolean();
        private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowdeck-bench-ping");
            t.setDaemon(true);
            return t;
        });
        private long lastFrame;
        private long frames;
        private long lastShown;
        private final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame != 0) {
                    gaps.recordValue(Math.max(1, (now - lastFrame) / 1_000));
                }
                lastFrame = now;
                frames++;
                int size = vm.records().size();
                long shownNow = vm.tailEvicted() + size;
                long added = shownNow - lastShown;
                lastShown = shownNow;
                shown.set(shownNow);
                if (added > 0 && size > 0) {
                    long age = System.currentTimeMillis() - vm.records().get(size - 1).timestamp();
                    ages.recordValue(Math.max(0, Math.min(age, 3_600_000L)));
                }
            }
        };

        Meter(MessagesViewModel vm) {
            this.vm = vm;
        }

        /** On the FX thread. */
        void start() {
            timer.start();
            pinger.scheduleAtFixedRate(() -> {
                if (pingOutstanding.compareAndSet(false, true)) {
                    long sent = System.nanoTime();
                    Platform.runLater(() -> {
                        synchronized (pings) {
                            pings.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                        }
                        pingOutstanding.set(false);
                    });
                }
            }, 20, 20, TimeUnit.MILLISECONDS);
        }

        void reset() throws Exception {
            onFx(() -> {
                gaps.reset();
                ages.reset();
                frames = 0;
                return null;
            });
            synchronized (pings) {
                pings.reset();
            }
        }

        record Snapshot(double fps, double longestGapMs, double pingP50, double pingP99, double pingMax, double ageP50,
                        double ageP99) {
        }

        Snapshot snapshot(double seconds) throws Exception {
            return onFx(() -> {
                synchronized (pings) {
                    return new Snapshot(frames / seconds, gaps.getMaxValue() / 1000.0,
                            pings.getValueAtPercentile(50) / 1000.0, pings.getValueAtPercentile(99) / 1000.0,
                            pings.getMaxValue() / 1000.0, ages.getValueAtPercentile(50), ages.getValueAtPercentile(99));
                }
            });
        }

        void stop() throws Exception {
            pinger.shutdownNow();
            onFx(() -> {
                timer.stop();
                return null;
            });
        }
    }
}
