package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.SqlCancel;
import dev.flowdeck.engine.admin.SqlColumn;
import dev.flowdeck.engine.admin.SqlConsole;
import dev.flowdeck.engine.admin.SqlCsv;
import dev.flowdeck.engine.admin.SqlFailure;
import dev.flowdeck.engine.admin.SqlHistory;
import dev.flowdeck.engine.admin.SqlResult;
import dev.flowdeck.engine.admin.SqlSample;
import dev.flowdeck.engine.admin.SqlSamples;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The SQL page's state: the editor text, the read-only / write switch, the last result page, samples and history.
 * Runs go through {@link SqlConsole} on a background task; a running query can be cancelled, and the database's
 * error message is shown unchanged.
 */
public final class SqlViewModel {
    public static final String HISTORY_FILE = "sql-history.jsonl";
    public static final int HISTORY_SIZE = 200;

    private final ConsoleContext context;
    private final StringProperty sql = new SimpleStringProperty("SELECT *\nFROM livedb\nORDER BY id DESC\nLIMIT 100");
    private final BooleanProperty writeEnabled = new SimpleBooleanProperty(false);
    private final StringProperty pageSize = new SimpleStringProperty(Integer.toString(SqlConsole.DEFAULT_MAX_ROWS));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<List<SqlColumn>> columns = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<List<String>> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SqlResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper("");
    private final ObservableList<SqlSample> samples = FXCollections.observableArrayList(SqlSamples.fixed());
    private final ObservableList<SqlHistory.Entry> history = FXCollections.observableArrayList();
    private volatile SqlHistory historyStore;
    private SqlCancel cancel;

    public SqlViewModel(ConsoleContext context) {
        this.context = context;
    }

    // ---- properties

    public StringProperty sqlProperty() {
        return sql;
    }

    public BooleanProperty writeEnabledProperty() {
        return writeEnabled;
    }

    public StringProperty pageSizeProperty() {
        return pageSize;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<SqlColumn>> columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    public ObservableList<List<String>> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<SqlResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The database's own message when a statement failed; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Which database the console talks to, e.g. "H2 · jdbc:h2:file:..." (password never shown). */
    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public ObservableList<SqlSample> samples() {
        return samples;
    }

    /** The runs, newest first. */
    public ObservableList<SqlHistory.Entry> history() {
        return history;
    }

    // ---- actions

    /** Checks the connection and loads samples (with the aggregates table, if any) and the history, off the FX thread. */
    public void load() {
        Optional<Database> db = context.database();
        connected.set(db.isPresent());
        if (db.isEmpty()) {
            database.set("");
            return;
        }
        database.set((db.get().dialect() == Dialect.H2 ? "H2" : "PostgreSQL") + " · " + db.get().settings().safeUrl());
        context.tasks().run("load SQL samples and history", () -> new Loaded(SqlSamples.forDatabase(db.get()),
                historyStore().entries()), loaded -> {
            samples.setAll(loaded.samples());
            history.setAll(newestFirst(loaded.history()));
        }, e -> error.set(UserText.of(e)));
    }

    private record Loaded(List<SqlSample> samples, List<SqlHistory.Entry> history) {
    }

    /** Runs the editor's text, or {@code selection} when the user selected part of it. */
    public void run(String selection) {
        Optional<Database> db = context.database();
        if (db.isEmpty()) {
            error.set(UserText.NO_DATABASE);
            return;
        }
        if (running.get()) {
            return;
        }
        String text = selection != null && !selection.isBlank() ? selection : sql.get();
        int max;
        try {
            max = Integer.parseInt(pageSize.get().trim().replace(",", ""));
            if (max < 1 || max > 1_000_000) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            error.set("the page size '" + pageSize.get() + "' must be a number of rows between 1 and 1,000,000");
            return;
        }
        boolean write = writeEnabled.get();
        SqlCancel c = new SqlCancel();
        cancel = c;
        running.set(true);
        error.set("");
        summary.set(write ? "running (writes allowed)…" : "running (read-only)…");
        context.tasks().run("run SQL", () -> runAndRemember(db.get(), text, write, max, c), r -> {
            running.set(false);
            result.set(r);
            // columns off, rows in, columns on: the view sizes the new columns from the new rows and never reads a
            // row of one shape through columns of another
            columns.set(List.of());
            rows.setAll(r.rows());
            columns.set(r.columns());
            summary.set((write ? "" : "read-only · ") + r.summary());
            history.setAll(newestFirst(historyStore().entries()));
        }, e -> {
            running.set(false);
            boolean cancelled = e instanceof SqlFailure f && f.cancelled();
            summary.set(cancelled ? "cancelled" : "failed");
            error.set(e instanceof SqlFailure ? e.getMessage() : UserText.of(e));
            if (historyStore != null) {
                history.setAll(newestFirst(historyStore.entries()));
            }
        });
    }

    private SqlResult runAndRemember(Database db, String text, boolean write, int max, SqlCancel c) {
        long t0 = System.currentTimeMillis();
        try {
            SqlResult r = new SqlConsole(db).run(text, write, max, c);
            historyStore().add(new SqlHistory.Entry(t0, text.strip(), write, true, r.elapsedMs(), r.summary()));
            return r;
        } catch (SqlFailure f) {
            historyStore().add(new SqlHistory.Entry(t0, text.strip(), write, false, System.currentTimeMillis() - t0,
                    f.cancelled() ? "cancelled" : f.getMessage()));
            throw f;
        }
    }

    /** Asks the database to stop the running statement (from a background task: it can take a round trip). */
    public void cancel() {
        SqlCancel c = cancel;
        if (c == null || !running.get()) {
            return;
        }
        summary.set("cancelling…");
        context.tasks().run("cancel SQL", () -> {
            c.cancel();
            return null;
        }, done -> { }, e -> error.set(UserText.of(e)));
    }

    public void useSample(SqlSample sample) {
        if (sample != null) {
            sql.set(sample.sql());
        }
    }

    public void useHistory(SqlHistory.Entry entry) {
        if (entry != null) {
            sql.set(entry.sql());
        }
    }

    /** Writes the current result page to CSV. */
    public void exportCsv(Path file) {
        SqlResult r = result.get();
        if (r == null || !r.hasResultSet()) {
            error.set("nothing to export: run a query that returns rows first");
            return;
        }
        context.tasks().run("export CSV", () -> {
            SqlCsv.write(r, file);
            return file;
        }, f -> summary.set("exported " + Human.plural(r.rows().size(), "row") + " to " + f), e -> error.set(UserText.of(e)));
    }

    private static List<SqlHistory.Entry> newestFirst(List<SqlHistory.Entry> entries) {
        List<SqlHistory.Entry> out = new java.util.ArrayList<>(entries);
        java.util.Collections.reverse(out);
        return out;
    }

    private SqlHistory historyStore() {
        SqlHistory h = historyStore;
        if (h == null) {
            synchronized (this) {
                if (historyStore == null) {
                    historyStore = new SqlHistory(context.configDir().resolve(HISTORY_FILE), HISTORY_SIZE);
                }
                h = historyStore;
            }
        }
        return h;
    }
}
