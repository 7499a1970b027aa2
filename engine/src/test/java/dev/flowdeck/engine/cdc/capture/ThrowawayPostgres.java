package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.DbSettings;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second PostgreSQL cluster of its own, in a temporary folder on a free port, started with extra settings (e.g.
 * {@code wal_level=replica}) and stopped by its postmaster's pid at the end. Made with the server's own
 * {@code initdb} and {@code pg_ctl}; as root they run as the {@code postgres} OS user (initdb refuses root). Skipped
 * with the reason when the binaries are absent, unless FLOWDECK_REQUIRE_POSTGRES=1 (CI), where that fails.
 */
final class ThrowawayPostgres implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final long pid;

    private ThrowawayPostgres(Path dir, int port, long pid) {
        this.dir = dir;
        this.port = port;
        this.pid = pid;
    }

    /** Makes and starts a cluster with these {@code -c name=value} settings. */
    static ThrowawayPostgres start(String... settings) throws Exception {
        Path bin = binaries().orElseGet(() -> {
            String reason = "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install"
                    + " the postgresql package (.ci/run does)";
            if ("1".equals(System.getenv("FLOWDECK_REQUIRE_POSTGRES"))) {
                throw new AssertionError(reason);
            }
            Assumptions.abort(reason);
            return null;
        });
        Path dir = Files.createTempDirectory("flowdeck-pg-");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync",
                "-E", "UTF8"), root);
        StringBuilder options = new StringBuilder("-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c shared_buffers=16MB -c max_connections=20");
        for (String s : settings) {
            options.append(" -c ").append(s);
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options.toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "start"), root);
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        return new ThrowawayPostgres(dir, port, pid);
    }

    /** The newest installed server's bin folder. */
    private static Optional<Path> binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))
                    && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
        }
    }

    /** The superuser {@code postgres} (trusted, no password) on the database {@code postgres}. */
    DbSettings superuser() {
        return new DbSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /** Stops the postmaster by its pid (SIGINT: fast shutdown) and deletes the folder. */
    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            run(List.of("kill", "-INT", Long.toString(pid)), false);
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
