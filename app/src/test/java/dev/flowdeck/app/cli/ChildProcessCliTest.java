package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command line as a user's shell runs it: a child JVM, real signals, real stdout and stderr. */
class ChildProcessCliTest {
    private static Process start(Path dir, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.flowdeck.app.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static String read(Path dir, String file) throws Exception {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void ctrlCStopsAHeadlessRunCleanlyAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        Process run = start(dir, "run", "--headless", "--data-dir", dir.resolve("data").toString(), "--duration", "10m",
                "--progress-every", "1s");
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> read(dir, "run.err").contains("written=")
                    || !run.isAlive());
            assertThat(run.isAlive()).as(read(dir, "run.err")).isTrue();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stops within a minute of Ctrl-C").isTrue();
        } finally {
            run.destroyForcibly();
        }
        // the JVM ends a run stopped by a signal with 128 + SIGINT, as shells expect, after the run drained and printed
        assertThat(run.exitValue()).as(read(dir, "run.err")).isEqualTo(130);
        assertThat(read(dir, "run.err")).contains("draining");
        JsonNode summary = new ObjectMapper().readTree(read(dir, "run.out"));
        assertThat(summary.path("rows_written").asLong()).isPositive();
        assertThat(summary.path("lost").asLong()).isZero();
        assertThat(summary.path("duplicated").asLong()).isZero();
    }

    @Test
    void sqlPrintsOnlyItsMessageOnStderr(@TempDir Path dir) throws Exception {
        Process sql = start(dir, "sql", "sql", "--data-dir", dir.resolve("data").toString(), "SELECT 1 AS one");
        assertThat(sql.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(sql.exitValue()).isZero();
        assertThat(read(dir, "sql.out")).contains("one");
        String err = read(dir, "sql.err");
        assertThat(err).contains("flowdeck sql:").doesNotContain(" INFO ");
        assertThat(err.lines().count()).as(err).isEqualTo(1);
    }
}
