package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.engine.config.OwnerOnly;
import dev.flowdeck.engine.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The queries run in the SQL console, newest last, kept in a JSON-lines file in the settings folder so they survive
 * a restart. Bounded; a password literal in a statement ({@code PASSWORD 'x'}) is masked before it is stored.
 */
public final class SqlHistory {
    private static final Logger log = LoggerFactory.getLogger(SqlHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*=?\\s*)'(?:[^']|'')*'");

    /** One run: when (epoch millis), what, read-only or writing, and how it ended. */
    public record Entry(long atMillis, String sql, boolean write, boolean ok, long elapsedMs, String outcome) {
        public Instant at() {
            return Instant.ofEpochMilli(atMillis);
        }
    }

    private final Path file;
    private final int max;
    private final List<Entry> entries = new ArrayList<>();

    public SqlHistory(Path file, int max) {
        this.file = file;
        this.max = max;
        load();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Adds a run and saves the file; a repeat of the newest statement replaces it. */
    public synchronized void add(Entry entry) {
        // a failure's text can echo the statement (H2 repeats PASSWORD '...') or a URL: masked like the statement
        Entry masked = new Entry(entry.atMillis(), mask(entry.sql()), entry.write(), entry.ok(), entry.elapsedMs(),
                entry.outcome() == null ? null : mask(entry.outcome()));
        if (!entries.isEmpty() && entries.get(entries.size() - 1).sql().equals(masked.sql())) {
            entries.remove(entries.size() - 1);
        }
        entries.add(masked);
        while (entries.size() > max) {
            entries.remove(0);
        }
        save();
    }

    public synchronized void clear() {
        entries.clear();
        save();
    }

    static String mask(String sql) {
        return Secrets.redactUrl(PASSWORD.matcher(sql).replaceAll("$1'****'"));
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        entries.add(JSON.readValue(line, Entry.class));
                    } catch (IOException e) {
                        log.debug("skipping an unreadable SQL history line: {}", e.getMessage());
                    }
                }
            }
            while (entries.size() > max) {
                entries.remove(0);
            }
        } catch (IOException e) {
            log.warn("cannot read the SQL history {}: {}", file, e.getMessage());
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Entry e : entries) {
                    w.write(JSON.writeValueAsString(e));
                    w.newLine();
                }
            }
            OwnerOnly.file(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save the SQL history {}: {}", file, e.getMessage());
        }
    }
}
