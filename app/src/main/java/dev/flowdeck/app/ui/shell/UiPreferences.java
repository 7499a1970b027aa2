package dev.flowdeck.app.ui.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The window's remembered state: placement, theme, last page, last export folder. A small properties file in the
 * config folder, read before the window opens and written (atomically) when it closes or changes; never on the FX
 * thread. A missing or broken file means defaults.
 */
public final class UiPreferences {
    private static final Logger log = LoggerFactory.getLogger(UiPreferences.class);
    public static final String FILE = "console.properties";

    /** Where the window was: position, size, maximized. */
    public record Placement(double x, double y, double width, double height, boolean maximized) {
    }

    /** The retention as saved: the age as typed (e.g. {@code 24h}) and the rows. */
    public record SavedRetention(String age, String rows) {
    }

    private final Path file;
    private final Properties values = new Properties();

    private UiPreferences(Path file) {
        this.file = file;
    }

    public static UiPreferences load(Path configDir) {
        UiPreferences p = new UiPreferences(configDir.resolve(FILE));
        if (Files.isRegularFile(p.file)) {
            try (Reader r = Files.newBufferedReader(p.file, StandardCharsets.UTF_8)) {
                p.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("ignoring unreadable console preferences {}: {}", p.file, e.getMessage());
            }
        }
        return p;
    }

    public synchronized Optional<Placement> placement() {
        try {
            double w = Double.parseDouble(values.getProperty("window.width"));
            double h = Double.parseDouble(values.getProperty("window.height"));
            double x = Double.parseDouble(values.getProperty("window.x"));
            double y = Double.parseDouble(values.getProperty("window.y"));
            boolean max = Boolean.parseBoolean(values.getProperty("window.maximized", "false"));
            return w >= 200 && h >= 150 ? Optional.of(new Placement(x, y, w, h, max)) : Optional.empty();
        } catch (NullPointerException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public synchronized void placement(Placement p) {
        values.setProperty("window.x", Double.toString(p.x()));
        values.setProperty("window.y", Double.toString(p.y()));
        values.setProperty("window.width", Double.toString(p.width()));
        values.setProperty("window.height", Double.toString(p.height()));
        values.setProperty("window.maximized", Boolean.toString(p.maximized()));
    }

    public synchronized boolean darkTheme() {
        return Boolean.parseBoolean(values.getProperty("theme.dark", "false"));
    }

    public synchronized void darkTheme(boolean dark) {
        values.setProperty("theme.dark", Boolean.toString(dark));
    }

    public synchronized Optional<String> page() {
        return Optional.ofNullable(values.getProperty("page"));
    }

    public synchronized void page(String id) {
        values.setProperty("page", id);
    }

    public synchronized Optional<Path> exportDir() {
        String d = values.getProperty("export.dir");
        return d == null ? Optional.empty() : Optional.of(Path.of(d));
    }

    public synchronized void exportDir(Path dir) {
        values.setProperty("export.dir", dir.toAbsolutePath().toString());
    }

    /** The retention set in Settings: age as typed there (e.g. {@code 24h}) and rows; empty if never set. */
    public synchronized Optional<SavedRetention> retention() {
        String age = values.getProperty("retention.age");
        String rows = values.getProperty("retention.rows");
        return age == null || rows == null ? Optional.empty() : Optional.of(new SavedRetention(age, rows));
    }

    public synchronized void retention(String age, long rows) {
        values.setProperty("retention.age", age);
        values.setProperty("retention.rows", Long.toString(rows));
    }

    /** Writes the file (temp file + rename). Call off the FX thread. */
    public void save() {
        Properties copy;
        synchronized (this) {
            copy = new Properties();
            copy.putAll(values);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                copy.store(w, "Flowdeck console: window placement, theme, folders");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not save console preferences to {}: {}", file, e.getMessage());
        }
    }
}
