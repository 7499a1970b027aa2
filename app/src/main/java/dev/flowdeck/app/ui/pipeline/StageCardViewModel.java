package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.LagHistory;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One box of the pipeline diagram: its light, rate, how far behind it is, and whether Start/Stop applies. */
public final class StageCardViewModel {
    private final StageId id;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<StageState> state = new ReadOnlyObjectWrapper<>(StageState.STOPPED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("Stopped");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper rateUnit = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper behind = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper waiting = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper controllable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper trend = new ReadOnlyStringWrapper("");
    private boolean startable;

    StageCardViewModel(StageId id) {
        this.id = id;
        this.title.set(id.title());
    }

    void apply(StageFrame f, boolean busy) {
        title.set(f.title());
        state.set(f.state());
        stateText.set(label(f.state()));
        reason.set(f.message() == null ? "" : f.message());
        rate.set(Human.compact(f.rate()));
        rateUnit.set(f.rateUnit());
        behind.set(f.behindItems() < 0 ? "" : "Behind " + Human.millis(Math.max(0, f.behindMs())));
        waiting.set(waitingText(f.behindItems(), f.rateUnit()));
        // the frame builder worked the trend out off the FX thread (StageTrends): only its words are made here
        trend.set(f.trend().map(StageCardViewModel::trendText).orElse(""));
        detail.set(f.detail());
        startable = f.controllable();
        controllable.set(startable && !busy);
        active.set(f.state().isActive());
    }

    /**
     * The backlog's direction for a narrow card: "caught up", "catches up in ~2 min" (backlog ÷ how fast it shrinks,
     * over the last minute), "falling behind +300/s", "steady".
     */
    static String trendText(LagHistory.Trend t) {
        if (t.samples() < 2) {
            return t.lagMessages() == 0 ? "caught up" : "measuring the trend…";
        }
        if (t.lagMessages() == 0) {
            return "caught up";
        }
        if (t.catchUpIn().isPresent()) {
            long s = Math.max(1, t.catchUpIn().get().toSeconds());
            return "↘ catches up in ~" + Human.duration((s < 60 ? s : s / 60 * 60) * 1000L);
        }
        long rate = Math.round(t.messagesPerSecond());
        return rate > 0 ? "↗ falling behind +" + Human.count(rate) + "/s" : "→ steady, not catching up";
    }

    /** The backlog's trend and catch-up estimate, e.g. "↘ catches up in ~2 min". */
    public ReadOnlyStringProperty trendProperty() {
        return trend.getReadOnlyProperty();
    }

    /** "1,234 rows waiting": what the upstream stage has that this one has not handled yet. */
    static String waitingText(long items, String rateUnit) {
        if (items < 0) {
            return "";
        }
        String unit = rateUnit.startsWith("rows") ? "rows" : "events";
        return Human.count(items) + " " + unit + " waiting";
    }

    static String label(StageState s) {
        return switch (s) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting";
            case RUNNING -> "Running";
            case DEGRADED -> "Degraded";
            case FAILED -> "Failed";
        };
    }

    /** The stage's key, also in the CSS ids of the card's nodes. */
    public String id() {
        return id.key();
    }

    StageId stageId() {
        return id;
    }

    /** The box is a stage of the running pipeline that Start/Stop acts on. */
    boolean startable() {
        return startable;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StageState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateUnitProperty() {
        return rateUnit.getReadOnlyProperty();
    }

    /** How far behind its upstream it is in time, e.g. "Behind 12 ms"; empty if it does not apply. */
    public ReadOnlyStringProperty behindProperty() {
        return behind.getReadOnlyProperty();
    }

    /** Items its upstream has that it has not handled yet, e.g. "120 rows waiting"; empty if it does not apply. */
    public ReadOnlyStringProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** True when the box is a stage that Start/Stop acts on and no action is in flight. */
    public ReadOnlyBooleanProperty controllableProperty() {
        return controllable.getReadOnlyProperty();
    }

    /** True while the stage is starting, running or degraded: the button then says Stop. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }
}
