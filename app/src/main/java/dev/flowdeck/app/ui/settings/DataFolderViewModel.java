package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.host.DataFolderUsage;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.app.ui.kit.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Settings page's "Data folder" section and the status bar's disk figure: what the data folder holds per part
 * (the embedded broker, the embedded database, the processor's state), the free disk under it, a warning when that
 * runs low, and Reset data. Measuring walks the folder, so {@link #refresh()} runs it through the {@link TaskRunner};
 * the console's timer calls it every ten seconds.
 */
public final class DataFolderViewModel {
    /** Deletes the embedded parts of the data folder with the pipeline and its infrastructure stopped, then restarts. */
    @FunctionalInterface
    public interface Reset {
        void run() throws Exception;
    }

    private final Path folder;
    private final Supplier<DataFolderUsage> measure;
    private final Supplier<Profile> profile;
    private final TaskRunner tasks;
    private final Reset reset;
    private final AtomicBoolean measuring = new AtomicBoolean();

    private final ReadOnlyStringWrapper kafka = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper h2 = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper streams = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper other = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper free = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper compact = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper lowDisk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper resetAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper resetNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /**
     * @param measure measures the folder (blocking; {@link DataFolderUsage#measure} but for tests)
     * @param profile the profile the pipeline runs on now: what of it lives in the folder
     * @param reset   blocking, called on a background thread after the user confirmed
     */
    public DataFolderViewModel(Path folder, Supplier<DataFolderUsage> measure, Supplier<Profile> profile, TaskRunner tasks,
                               Reset reset) {
        this.folder = folder;
        this.measure = measure;
        this.profile = profile;
        this.tasks = tasks;
        this.reset = reset;
        showProfile();
    }

    /** Measures in the background and shows the figures; a measure still running is not doubled. */
    public void refresh() {
        if (!measuring.compareAndSet(false, true)) {
            return;
        }
        tasks.run("measure data folder", measure::get, usage -> {
            measuring.set(false);
            apply(usage);
        }, e -> {
            measuring.set(false);
            message.set("Could not measure the data folder: " + e.getMessage());
        });
    }

    /** Shows one measurement (FX thread). */
    void apply(DataFolderUsage usage) {
        showProfile();
        Profile p = profile.get();
        kafka.set(p.embeddedKafka() ? DataFolderUsage.human(usage.part(DataFolderUsage.KAFKA))
                : "on the cluster at " + p.bootstrapServers() + " (not in this folder)");
        h2.set(p.embeddedDatabase() ? DataFolderUsage.human(usage.part(DataFolderUsage.H2))
                : "PostgreSQL" + (usage.part(DataFolderUsage.H2) > 0
                        ? " (not in this folder; an earlier H2 database here: " + DataFolderUsage.human(usage.part(DataFolderUsage.H2)) + ")"
                        : " (not in this folder)"));
        streams.set(DataFolderUsage.human(usage.part(DataFolderUsage.STREAMS)));
        other.set(DataFolderUsage.human(usage.part(DataFolderUsage.OTHER)));
        total.set(DataFolderUsage.human(usage.totalBytes()));
        free.set(DataFolderUsage.human(usage.freeBytes()) + " free of " + DataFolderUsage.human(usage.diskBytes()));
        compact.set("Data " + DataFolderUsage.human(usage.totalBytes()) + " · " + DataFolderUsage.human(usage.freeBytes()) + " free");
        lowDisk.set(usage.freeSpaceLow());
        warning.set(usage.freeSpaceLow() ? "Disk almost full: " + DataFolderUsage.human(usage.freeBytes()) + " free in "
                + folder + " — Kafka stops accepting events when it is full; lower the retention or reset data" : "");
    }

    /** Whether Reset data is offered: it deletes the embedded broker's and database's files, so both must be embedded. */
    private void showProfile() {
        Profile p = profile.get();
        boolean embedded = p.embeddedKafka() && p.embeddedDatabase();
        resetAvailable.set(embedded);
        resetNote.set(embedded ? "Deletes the embedded Kafka logs, the H2 database and the Streams state, then starts them empty."
                : "Only for the Embedded profile: '" + p.name() + "' keeps its " + elsewhere(p)
                + " outside this folder. Delete that data there, or switch to the Embedded profile.");
    }

    private static String elsewhere(Profile p) {
        if (!p.embeddedKafka() && !p.embeddedDatabase()) {
            return "events in Kafka and its rows in PostgreSQL";
        }
        return p.embeddedKafka() ? "rows in PostgreSQL" : "events in Kafka";
    }

    /** What the confirmation dialog says, before anything is deleted. */
    public String confirmation() {
        return "This deletes, in " + folder + ":\n\n"
                + "  • the embedded Kafka logs (every event of every topic, consumer offsets)\n"
                + "  • the H2 database (livedb and every other table in it)\n"
                + "  • the Streams state (the processor's windows)\n\n"
                + "The pipeline stops first and starts again on empty data. This cannot be undone.";
    }

    /** Runs the reset (after the user confirmed). */
    public void reset() {
        if (!resetAvailable.get() || busy.get()) {
            return;
        }
        busy.set(true);
        message.set("Resetting: stopping the pipeline, deleting the data, starting again…");
        tasks.run("reset data", () -> {
            reset.run();
            return null;
        }, ok -> {
            busy.set(false);
            message.set("Data reset: the pipeline runs again on empty data");
            refresh();
        }, e -> {
            busy.set(false);
            message.set("Reset failed: " + e.getMessage());
            refresh();
        });
    }

    public Path folder() {
        return folder;
    }

    public ReadOnlyStringProperty kafkaProperty() {
        return kafka.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty h2Property() {
        return h2.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamsProperty() {
        return streams.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty otherProperty() {
        return other.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty freeProperty() {
        return free.getReadOnlyProperty();
    }

    /** E.g. {@code Data 1.2 GB · 38 GB free}, for the status bar; empty until measured. */
    public ReadOnlyStringProperty compactProperty() {
        return compact.getReadOnlyProperty();
    }

    /** Empty unless the free disk is below {@link DataFolderUsage#LOW_FREE_BYTES}. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lowDiskProperty() {
        return lowDisk.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resetAvailableProperty() {
        return resetAvailable.getReadOnlyProperty();
    }

    /** What Reset data does, or why it is not offered. */
    public ReadOnlyStringProperty resetNoteProperty() {
        return resetNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
