package dev.flowdeck.app.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the window smooth when the pipeline saturates the CPU: on Linux, the pipeline's and the embedded broker's
 * threads run at a lower scheduling priority ({@code nice} +{@value #NICE}) than the FX thread, the renderer and the
 * console's sampler, so a busy writer or stream thread never delays a frame. Java cannot set a thread's nice value,
 * so this asks {@code renice} for the threads listed in {@code /proc/self/task}, every few seconds for new ones.
 * Raising one's own threads' nice value needs no privilege. Elsewhere, or if {@code renice} is missing, it does
 * nothing (and says so once at debug level): nice only matters when the CPU is contended.
 */
final class BackgroundPriority implements AutoCloseable {
    static final int NICE = 10;
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Thread names (as the kernel keeps them: the first 15 characters) of background work. */
    private static final List<String> BACKGROUND = List.of("flowdeck-", "kafka", "data-plane", "quorum", "executor-",
            "TxnMarker", "AddPartitions", "group-coord", "broker-", "controller-", "raft", "consumer", "producer",
            "ExpirationRea", "LogDirFailure", "transaction-", "share-", "metrics-", "ReplicaFetcher", "tier-");
    /** ...except the console's own threads, which the window waits on. */
    private static final List<String> FOREGROUND = List.of("flowdeck-consol", "flowdeck-ui-tas", "flowdeck-close",
            "flowdeck-class-", "flowdeck-bench-");

    private final Set<String> lowered = new HashSet<>();
    private ScheduledExecutorService timer;
    private boolean gaveUp;

    static boolean supported() {
        return Files.isDirectory(TASKS) && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    synchronized void start() {
        if (!supported() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowdeck-console-priority");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::lowerNewThreads, 2, 5, TimeUnit.SECONDS);
    }

    private void lowerNewThreads() {
        if (gaveUp) {
            return;
        }
        List<String> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String tid = task.getFileName().toString();
                if (lowered.contains(tid)) {
                    continue;
                }
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (isBackground(name)) {
                    tids.add(tid);
                }
            }
        } catch (IOException e) {
            giveUp("cannot list " + TASKS + ": " + e.getMessage());
            return;
        }
        if (tids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
        command.addAll(tids);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                giveUp("renice did not answer within 3 s");
                return;
            }
            lowered.addAll(tids);
        } catch (IOException e) {
            giveUp("renice is not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isBackground(String threadName) {
        return BACKGROUND.stream().anyMatch(threadName::startsWith) && FOREGROUND.stream().noneMatch(threadName::startsWith);
    }

    private void giveUp(String why) {
        gaveUp = true;
        log.debug("background threads keep their priority: {}", why);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
