package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case users met: a headless run, the {@code h2} folder deleted, a second run on the same data folder (same
 * embedded Kafka). Before, the second run published nothing, lost every row and exited 0.
 */
class HeadlessSourceResetTest {
    private record Run(int exit, String out, String err) {
    }

    @Test
    void aDeletedH2FolderStopsWithAChoiceAndReSnapshotLosesNothing(@TempDir Path dir) throws Exception {
        Run first = run(dir);
        assertThat(first.exit()).as(first.err()).isZero();
        deleteTree(dir.resolve("h2"));

        Run second = run(dir);
        assertThat(second.exit()).as(second.err()).isEqualTo(HeadlessRun.EXIT_SOURCE_RESET);
        assertThat(second.err()).contains("this is a new one").contains("--on-reset");

        Run third = run(dir, "--on-reset", "resnapshot");
        assertThat(third.exit()).as(third.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(third.out());
        assertThat(summary.path("rows_written").asLong()).isPositive();
        assertThat(summary.path("lost").asLong()).isZero();
        assertThat(summary.path("duplicated").asLong()).isZero();
    }

    private static Run run(Path dir, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] base = {"--headless", "--data-dir", dir.toString(), "--duration", "2s", "--progress-every", "1s",
                    "--rows-per-burst", "50"};
            String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
