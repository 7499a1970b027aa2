package dev.flowdeck.app.ui.sources;

import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Pipeline page's "Captured tables" card: each captured table's rate and lag (ms since commit), sampled. */
public final class CapturedTablesViewModel {
    /** One captured table's line. */
    public static final class Line {
        private final TableCaptureStats stats;
        private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper();
        private final ReadOnlyStringWrapper lag = new ReadOnlyStringWrapper();
        private final ReadOnlyStringWrapper changes = new ReadOnlyStringWrapper();
        private final ReadOnlyStringWrapper snapshot = new ReadOnlyStringWrapper();

        Line(TableCaptureStats stats) {
            this.stats = stats;
        }

        public String table() {
            return stats.table().toString();
        }

        public String topic() {
            return stats.topic();
        }

        public ReadOnlyStringProperty rateProperty() {
            return rate.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty lagProperty() {
            return lag.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty changesProperty() {
            return changes.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty snapshotProperty() {
            return snapshot.getReadOnlyProperty();
        }

        void sample(long nowMs) {
            double r = stats.rate(nowMs);
            rate.set(String.format(Locale.ROOT, r >= 10 ? "%,.0f/s" : "%,.1f/s", r));
            long l = stats.currentLagMs(nowMs);
            lag.set(l >= 0 ? String.format(Locale.ROOT, "%,d ms", l) : stats.idle(nowMs) ? "idle" : "–");
            changes.set(String.format(Locale.ROOT, "%,d ins · %,d upd · %,d del", stats.inserts(), stats.updates(), stats.deletes()));
            snapshot.set(stats.snapshotComplete()
                    ? stats.snapshotRowsDone() == 0 ? "complete" : String.format(Locale.ROOT, "%,d rows", stats.snapshotRowsDone())
                    : String.format(Locale.ROOT, "%.0f %%", 100 * stats.snapshotProgress()));
        }
    }

    private final CaptureBoard board;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private CaptureSource shown;

    public CapturedTablesViewModel(CaptureBoard board) {
        this.board = board;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    /** True while a capture is set up (running or stopped but not removed). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Samples the capture's counters; called a few times a second on the FX thread. */
    public void refresh() {
        refresh(System.currentTimeMillis());
    }

    void refresh(long nowMs) {
        Optional<CaptureSource> c = board.current();
        if (c.orElse(null) != shown) {
            shown = c.orElse(null);
            List<TableCaptureStats> stats = c.map(CaptureSource::tableStats).orElse(List.of());
            lines.setAll(stats.stream().map(Line::new).toList());
        }
        active.set(c.isPresent());
        lines.forEach(l -> l.sample(nowMs));
    }
}
