package dev.flowdeck.app.ui.export;

import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.ui.shell.UiPreferences;
import io.fair_acc.dataset.DataSet;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Saves what the user sees: a PNG of the window or of one chart, a CSV of a chart's data. The file is chosen on the
 * FX thread (remembering the last folder), the pixels are taken there (a snapshot must be), and the encoding and the
 * writing happen in the background through the {@link TaskRunner}.
 */
public final class Exporter {
    /** Asks where to save; the default shows a FileChooser, tests answer with a path. */
    public interface FileAsker {
        Optional<Path> ask(Window owner, String title, Path initialDir, String suggestedName, FileChooser.ExtensionFilter filter);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final FileChooser.ExtensionFilter PNG = new FileChooser.ExtensionFilter("PNG image", "*.png");
    private static final FileChooser.ExtensionFilter CSV = new FileChooser.ExtensionFilter("CSV file", "*.csv");

    private final TaskRunner tasks;
    private final UiPreferences prefs;
    private final Consumer<String> notify;
    private volatile FileAsker asker = Exporter::choose;

    /** @param notify hears one line per finished or failed export (FX thread), e.g. for the status bar */
    public Exporter(TaskRunner tasks, UiPreferences prefs, Consumer<String> notify) {
        this.tasks = tasks;
        this.prefs = prefs;
        this.notify = notify;
    }

    public void useAsker(FileAsker fileAsker) {
        this.asker = fileAsker;
    }

    /** Asks for a file, then saves {@code node} as a PNG. */
    public void savePng(Node node, String baseName) {
        Window owner = node.getScene() == null ? null : node.getScene().getWindow();
        asker.ask(owner, "Save " + baseName + " as PNG", initialDir(), fileName(baseName, "png"), PNG)
                .ifPresent(path -> writePng(node, withExtension(path, ".png")));
    }

    /** Asks for a file, then saves the data sets as CSV. */
    public void saveCsv(Window owner, String baseName, String xName, String yName, boolean timeAxis, List<? extends DataSet> sets) {
        asker.ask(owner, "Save " + baseName + " data as CSV", initialDir(), fileName(baseName, "csv"), CSV)
                .ifPresent(path -> {
                    Path file = withExtension(path, ".csv");
                    remember(file);
                    tasks.run("export CSV", () -> {
                        ChartCsv.write(file, xName, yName, timeAxis, sets);
                        return file;
                    }, done -> notify.accept("Saved " + done), e -> notify.accept("Could not save " + file + ": " + e.getMessage()));
                });
    }

    /** Snapshots {@code node} now (FX thread) and writes it to {@code file} in the background. */
    public TaskRunner.Handle writePng(Node node, Path file) {
        remember(file);
        SnapshotParameters params = new SnapshotParameters();
        WritableImage image = node.snapshot(params, null);
        return tasks.run("export PNG", () -> PngFiles.write(image, file), done -> notify.accept("Saved " + done), e -> notify.accept("Could not save " + file + ": " + e.getMessage()));
    }

    private void remember(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            prefs.exportDir(dir);
        }
    }

    private Path initialDir() {
        return prefs.exportDir().orElse(Path.of(System.getProperty("user.home")));
    }

    static String fileName(String base, String ext) {
        String safe = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "flowdeck-" + safe + "-" + STAMP.format(LocalDateTime.now()) + "." + ext;
    }

    private static Path withExtension(Path p, String ext) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext) ? p : p.resolveSibling(p.getFileName() + ext);
    }

    private static Optional<Path> choose(Window owner, String title, Path initialDir, String suggestedName, FileChooser.ExtensionFilter filter) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File dir = initialDir.toFile();
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(filter);
        File f = chooser.showSaveDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }
}
