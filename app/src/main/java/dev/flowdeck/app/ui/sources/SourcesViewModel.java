package dev.flowdeck.app.ui.sources;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.CaptureSources;
import dev.flowdeck.engine.cdc.capture.HeldChanges;
import dev.flowdeck.engine.cdc.capture.LeftoverCapture;
import dev.flowdeck.engine.cdc.capture.TableCatalog;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Sources page's state: the database's tables (schema, primary key, row estimate) to tick, starting and stopping
 * the capture of the ticked ones, each snapshot's progress, and what the database holds back for the capture (the
 * replication slot's WAL on PostgreSQL, the change log on H2) with a warning past a threshold.
 */
public final class SourcesViewModel {
    /** Past this much WAL held by a slot the page warns. */
    public static final long WAL_WARNING_BYTES = 1_000_000_000L;
    /** Past this many rows waiting in H2's change log the page warns. */
    public static final long ROWS_WARNING = 1_000_000;

    /** Builds the capture for a database (tests may count or fail). */
    public interface CaptureFactory {
        CaptureSource create(Database db, KafkaSettings kafka, CaptureSettings settings);
    }

    private final ConsoleContext context;
    private final CaptureBoard board;
    private final CaptureFactory factory;
    private final ObservableList<SourceTableRow> tables = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper capturing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasSource = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not capturing.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper held = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper heldWarning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper heldAdvice = new ReadOnlyStringWrapper("");
    private CaptureSource heldShownFor;
    /** A capture an earlier run left (slot or triggers), not started: what "Remove source…" releases. */
    private CaptureSource leftover;

    public SourcesViewModel(ConsoleContext context, CaptureBoard board) {
        this(context, board, (db, kafka, settings) -> CaptureSources.create(db.settings(), kafka, settings));
    }

    public SourcesViewModel(ConsoleContext context, CaptureBoard board, CaptureFactory factory) {
        this.context = context;
        this.board = board;
        this.factory = factory;
    }

    public ObservableList<SourceTableRow> tables() {
        return tables;
    }

    /** Reads the tables and what the database holds back, in the background. */
    public void load() {
        Optional<Database> db = context.database();
        if (db.isEmpty()) {
            error.set("The database is not connected yet. Start the pipeline or check Settings, then come back.");
            return;
        }
        busy.set(true);
        context.tasks().run("sources-load", () -> {
            try (Connection c = db.get().open()) {
                return TableCatalog.list(c).stream().filter(t -> !isFlowdecksOwn(t.id())).toList();
            }
        }, list -> {
            busy.set(false);
            List<TableId> ticked = tables.stream().filter(r -> r.selectedProperty().get()).map(r -> r.info().id()).toList();
            tables.setAll(list.stream().map(SourceTableRow::new).toList());
            tables.forEach(r -> r.selectedProperty().set(ticked.contains(r.info().id()) || leftover != null
                    && leftover.settings().tables().stream().anyMatch(t -> t.sameIgnoringCase(r.info().id()))));
            error.set("");
            refresh();
        }, e -> {
            busy.set(false);
            error.set("Could not list the tables: " + e.getMessage());
        });
        refreshHeld();
    }

    /** The change log and the offsets mirror are Flowdeck's bookkeeping, not sources. */
    static boolean isFlowdecksOwn(TableId t) {
        String name = t.table().toLowerCase(Locale.ROOT);
        return name.startsWith("flowdeck_") || name.equals("cdc_offsets");
    }

    /** Starts capturing the ticked tables (snapshot first, then the stream). */
    public void start() {
        List<TableId> chosen = tables.stream().filter(r -> r.selectedProperty().get()).map(r -> r.info().id()).toList();
        if (chosen.isEmpty()) {
            error.set("Tick at least one table to capture.");
            return;
        }
        Optional<SourceTableRow> keyless = tables.stream()
                .filter(r -> r.selectedProperty().get() && !r.info().hasPrimaryKey()).findFirst();
        if (keyless.isPresent()) {
            error.set("Table " + keyless.get().name() + " has no primary key, so it cannot be captured: every change"
                    + " event is keyed by the primary key. Untick it, or add a primary key.");
            return;
        }
        Optional<Database> db = context.database();
        Optional<KafkaSettings> kafka = context.kafka();
        if (db.isEmpty() || kafka.isEmpty()) {
            error.set("Kafka and the database must be connected first: start the pipeline or check Settings.");
            return;
        }
        if (board.current().filter(c -> capturing.get()).isPresent()) {
            error.set("A capture is running: stop it first, then start again with the new choice of tables.");
            return;
        }
        leftover = null; // starting resumes (or replaces) what an earlier run left
        CaptureSource capture = factory.create(db.get(), kafka.get(),
                CaptureSettings.of(chosen, context.dataDir().resolve("capture")));
        capture.start();
        board.set(capture);
        capturing.set(true);
        hasSource.set(true);
        error.set("");
        status.set("Starting the capture of " + chosen.size() + " table(s)…");
    }

    /** Stops capturing; what the database holds (slot, triggers) stays, so a later start resumes. */
    public void stop() {
        Optional<CaptureSource> c = board.current();
        if (c.isEmpty()) {
            return;
        }
        busy.set(true);
        status.set("Stopping…");
        context.tasks().run("sources-stop", () -> {
            c.get().stop();
            return null;
        }, ok -> {
            busy.set(false);
            capturing.set(false);
            status.set("Stopped. " + holdsText(c.get()) + " stays, so the next start resumes where this one stopped.");
            refreshHeld();
        }, e -> {
            busy.set(false);
            error.set("Could not stop the capture: " + e.getMessage());
        });
    }

    /**
     * Removes the source: stops capturing and, if {@code dropHeld}, drops the replication slot and publication
     * (PostgreSQL) or the triggers and change log (H2), so the database keeps nothing for Flowdeck.
     */
    public void remove(boolean dropHeld) {
        Optional<CaptureSource> c = source();
        if (c.isEmpty()) {
            return;
        }
        busy.set(true);
        status.set(dropHeld ? "Removing the source and dropping " + holdsText(c.get()) + "…" : "Removing the source…");
        context.tasks().run("sources-remove", () -> {
            c.get().stop();
            if (dropHeld) {
                c.get().release();
            }
            return null;
        }, ok -> {
            busy.set(false);
            capturing.set(false);
            board.set(null);
            leftover = null;
            hasSource.set(false);
            tables.forEach(r -> r.show(null));
            status.set(dropHeld ? "Source removed; the database keeps nothing for it."
                    : "Source removed; " + holdsText(c.get()) + " is kept and keeps growing until it is dropped.");
            refreshHeld();
        }, e -> {
            busy.set(false);
            error.set("Could not remove the source: " + e.getMessage());
        });
    }

    /** The question the page asks before removing a source. */
    public String removeQuestion() {
        return source().map(c -> "Also drop " + holdsText(c) + "?\n\nDropping it frees what the database keeps"
                + " for Flowdeck; the next capture then starts with a fresh snapshot. Keeping it lets a later capture"
                + " resume, but the database keeps every change for it until then.").orElse("");
    }

    /** The capture to stop or remove: the one running, else what an earlier run left. */
    private Optional<CaptureSource> source() {
        return board.current().or(() -> Optional.ofNullable(leftover));
    }

    private static String holdsText(CaptureSource c) {
        return c.retainedResource();
    }

    /** Samples the running capture's counters into the rows (the page calls it a few times a second). */
    public void refresh() {
        Optional<CaptureSource> c = board.current();
        for (SourceTableRow row : tables) {
            row.show(c.flatMap(capture -> capture.statsOf(row.info().id())).orElse(null));
        }
        if (c.isPresent()) {
            StageState state = c.get().status().state();
            capturing.set(state != StageState.STOPPED && state != StageState.FAILED);
            String message = c.get().status().message();
            status.set(switch (state) {
                case FAILED -> "Capture failed: " + message;
                case STOPPED -> status.get();
                default -> capitalized(message) + c.get().committedPosition().map(p -> " · committed up to " + p).orElse("");
            });
            if (state == StageState.FAILED) {
                error.set(message);
            }
            if (state == StageState.RUNNING && heldShownFor != c.get()) {
                heldShownFor = c.get(); // the capture has made its slot or triggers by now: show them at once
                refreshHeld();
            }
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Reads what the database holds back for captures, in the background. */
    public void refreshHeld() {
        Optional<Database> db = context.database();
        if (db.isEmpty()) {
            return;
        }
        boolean postgres = db.get().dialect() == Dialect.POSTGRESQL;
        context.tasks().run("sources-held", () -> HeldChanges.in(db.get()), list -> showHeld(list, postgres),
                e -> held.set("Could not read what the database holds for captures: " + e.getMessage()));
        if (board.current().isEmpty() && leftover == null) {
            context.tasks().run("sources-leftover", () -> LeftoverCapture.find(db.get(), context.dataDir().resolve("capture")),
                    found -> found.ifPresent(settings -> adoptLeftover(db.get(), settings)),
                    e -> held.set("Could not read what an earlier capture left: " + e.getMessage()));
        }
    }

    /**
     * An earlier run left a slot or triggers: offer to remove them (the same release as {@code capture --release})
     * and tick their tables, so that Start resumes that capture.
     */
    private void adoptLeftover(Database db, CaptureSettings settings) {
        Optional<KafkaSettings> kafka = context.kafka();
        if (board.current().isPresent() || leftover != null || kafka.isEmpty()) {
            return;
        }
        leftover = factory.create(db, kafka.get(), settings);
        hasSource.set(true);
        tables.stream().filter(r -> settings.tables().stream().anyMatch(t -> t.sameIgnoringCase(r.info().id())))
                .forEach(r -> r.selectedProperty().set(true));
        status.set("Not capturing. An earlier capture left " + leftover.retainedResource() + ": start capturing to"
                + " resume it, or remove the source to drop it.");
    }

    void showHeld(List<HeldChanges> list, boolean postgres) {
        if (list.isEmpty()) {
            held.set(postgres ? "No replication slot in this database." : "No change log: no table has capture triggers.");
            heldWarning.set(false);
            heldAdvice.set("");
            return;
        }
        StringBuilder text = new StringBuilder();
        boolean warn = false;
        for (HeldChanges h : list) {
            if (text.length() > 0) {
                text.append('\n');
            }
            if (h.bytes()) {
                text.append("Replication slot ").append(h.name()).append(h.active() ? " (in use)" : " (idle)")
                        .append(" holds back ").append(Human.bytes(h.amount())).append(" of WAL");
                warn |= h.amount() >= WAL_WARNING_BYTES;
            } else {
                text.append("Change log ").append(h.name()).append(" holds ")
                        .append(String.format(Locale.ROOT, "%,d", h.amount()))
                        .append(capturing.get() ? " change(s): waiting to be captured, or captured and cleared within a few seconds"
                                : " change(s) waiting for the next capture");
                warn |= h.amount() >= ROWS_WARNING;
            }
        }
        held.set(text.toString());
        heldWarning.set(warn);
        heldAdvice.set(!warn ? "" : postgres
                ? "The database keeps every WAL file a replication slot has not read. A slot nobody reads any more"
                        + " fills the database's disk until PostgreSQL stops. Start capturing again, or remove the source"
                        + " and drop its slot."
                : "Every change to a captured table waits in the change log until Flowdeck reads it, so the database"
                        + " file keeps growing. Start capturing again, or remove the source and drop its triggers.");
    }

    public ReadOnlyBooleanProperty capturingProperty() {
        return capturing.getReadOnlyProperty();
    }

    /** A capture is set up (running or stopped); removing it is possible. */
    public ReadOnlyBooleanProperty hasSourceProperty() {
        return hasSource.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heldProperty() {
        return held.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty heldWarningProperty() {
        return heldWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heldAdviceProperty() {
        return heldAdvice.getReadOnlyProperty();
    }
}
