package dev.flowdeck.app.ui.sources;

import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import dev.flowdeck.engine.cdc.capture.TableCatalog;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.Locale;

/** One table on the Sources page: what the catalog says, whether it is ticked, and its capture's progress. */
public final class SourceTableRow {
    private final TableCatalog.TableInfo info;
    private final BooleanProperty selected = new SimpleBooleanProperty();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper changes = new ReadOnlyStringWrapper("");

    SourceTableRow(TableCatalog.TableInfo info) {
        this.info = info;
    }

    public TableCatalog.TableInfo info() {
        return info;
    }

    public String name() {
        return info.id().toString();
    }

    public String primaryKey() {
        return info.hasPrimaryKey() ? String.join(", ", info.primaryKey()) : "none (cannot be captured)";
    }

    public String rowEstimate() {
        return info.rowEstimate() < 0 ? "?" : String.format(Locale.ROOT, "%,d", info.rowEstimate());
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    /** The snapshot's progress from 0 to 1; -1 while the table is not being captured. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Inserts, updates and deletes streamed so far, e.g. "12 ins · 30 upd · 2 del". */
    public ReadOnlyStringProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    void show(TableCaptureStats s) {
        if (s == null) {
            progress.set(-1);
            progressText.set("");
            changes.set("");
            return;
        }
        progress.set(s.snapshotProgress());
        long total = s.snapshotRowsTotal();
        progressText.set(s.snapshotComplete()
                ? s.snapshotRowsDone() == 0 ? "snapshot complete"
                : String.format(Locale.ROOT, "snapshot done: %,d rows", s.snapshotRowsDone())
                : total < 0 ? "waiting to start"
                : String.format(Locale.ROOT, "snapshot %,d / %,d", s.snapshotRowsDone(), total));
        changes.set(String.format(Locale.ROOT, "%,d ins · %,d upd · %,d del", s.inserts(), s.updates(), s.deletes()));
    }
}
