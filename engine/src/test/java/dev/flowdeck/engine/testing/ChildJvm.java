package dev.flowdeck.engine.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM on the test's class path, for kill -9 tests: started, then waited for until it prints "READY". Its
 * output lines other than INFO logging go to the test's stderr, so a child that fails to start says why.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Class<?> main, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.contains(" INFO ")) {
                        System.err.println(main.getSimpleName() + ": " + line);
                    }
                    if (line.equals("READY")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            ready.complete(false);
        }, "test-child-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.get(90, TimeUnit.SECONDS)).as("child started").isTrue();
        return p;
    }

    /** Lets the child run {@code ms} more milliseconds (it must still be running then), then kills it with SIGKILL. */
    public static void killAfter(Process child, long ms) throws InterruptedException {
        try {
            assertThat(child.waitFor(ms, TimeUnit.MILLISECONDS)).as("child still running").isFalse();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
