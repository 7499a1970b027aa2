package dev.flowdeck.app.ui.shell;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/** The window's frame: title, status bar (profile, broker, database, events/s, start-up progress), theme, notices. */
public final class ShellViewModel {
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Flowdeck");
    private final ReadOnlyStringWrapper profile = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StageState> broker = new ReadOnlyObjectWrapper<>(StageState.STOPPED);
    private final ReadOnlyStringWrapper brokerText = new ReadOnlyStringWrapper("Kafka: stopped");
    private final ReadOnlyStringWrapper brokerDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StageState> database = new ReadOnlyObjectWrapper<>(StageState.STOPPED);
    private final ReadOnlyStringWrapper databaseText = new ReadOnlyStringWrapper("Database: stopped");
    private final ReadOnlyStringWrapper databaseDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventsPerS = new ReadOnlyStringWrapper("– events/s");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper progressVisible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper disk = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diskWarning = new ReadOnlyStringWrapper("");
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public ShellViewModel(boolean darkTheme) {
        dark.set(darkTheme);
    }

    public void apply(ConsoleFrame frame) {
        ConsoleSession.Status s = frame.session();
        String name = s.profile().name();
        title.set("Flowdeck — " + name);
        profile.set(name);
        apply(broker, brokerText, brokerDetail, "Kafka", s.broker());
        apply(database, databaseText, databaseDetail, "Database", s.database());
        eventsPerS.set(frame.pipelineRunning() ? Human.compact(frame.tiles().eventsPerS()) + " events/s" : "– events/s");
        boolean busy = s.phase() == ConsoleSession.Phase.STARTING || s.phase() == ConsoleSession.Phase.STOPPING;
        progressVisible.set(busy);
        progress.set(s.phase() == ConsoleSession.Phase.STOPPING ? -1 : (double) s.step() / Math.max(1, s.steps()));
        failed.set(s.phase() == ConsoleSession.Phase.FAILED);
        phaseText.set(switch (s.phase()) {
            case STARTING -> s.message() + " (" + s.step() + "/" + s.steps() + ")";
            case STOPPING -> s.message();
            case FAILED -> "Could not start: " + s.message();
            case STOPPED -> "Stopped";
            case RUNNING -> "";
        });
    }

    private static void apply(ReadOnlyObjectWrapper<StageState> state, ReadOnlyStringWrapper text, ReadOnlyStringWrapper detail,
                              String what, StageStatus status) {
        state.set(status.state());
        text.set(what + ": " + status.state().name().toLowerCase(java.util.Locale.ROOT));
        detail.set(status.message());
    }

    /** Shows a one-line notice (an export saved, an action failed) in the status bar. */
    public void notice(String text) {
        notice.set(text == null ? "" : text);
    }

    /** The data folder's size and free disk (e.g. "Data 1.2 GB · 38 GB free"), and a warning when the disk is almost full. */
    public void disk(String figure, String warning) {
        disk.set(figure == null ? "" : figure);
        diskWarning.set(warning == null ? "" : warning);
    }

    public ReadOnlyStringProperty diskProperty() {
        return disk.getReadOnlyProperty();
    }

    /** Empty while the disk has room. */
    public ReadOnlyStringProperty diskWarningProperty() {
        return diskWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StageState> brokerProperty() {
        return broker.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty brokerTextProperty() {
        return brokerText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty brokerDetailProperty() {
        return brokerDetail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StageState> databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseTextProperty() {
        return databaseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseDetailProperty() {
        return databaseDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsPerSProperty() {
        return eventsPerS.getReadOnlyProperty();
    }

    /** Start-up progress, 0..1; -1 while stopping (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty progressVisibleProperty() {
        return progressVisible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
