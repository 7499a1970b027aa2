package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.session.PipelineControl;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.ProcessorFrame;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.app.ui.live.Tiles;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.config.SettingsException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Pipeline page's state: the diagram's boxes, the tiles, the live controls, and the empty states of the panels
 * whose stage is not running. Inputs (sliders, selector, toggles) are writable properties whose changes go straight
 * to the engine's live settings; stage actions go through the {@link TaskRunner}. Frames arrive on the FX thread.
 */
public final class PipelineViewModel {
    public static final int MIN_ROWS_PER_BURST = 1;
    public static final int MAX_ROWS_PER_BURST = 10_000;
    public static final long MIN_BURST_INTERVAL_MS = 10;
    public static final long MAX_BURST_INTERVAL_MS = 5_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final PipelineControl control;
    private final TaskRunner tasks;
    private final Supplier<Optional<TierControl>> tierControl;
    private final List<StageCardViewModel> stages = new ArrayList<>();
    private final TileViewModel eventsTile = new TileViewModel("events-rate", "Events/s", "change events published per second");
    private final TileViewModel errorTile = new TileViewModel("error-rate", "Error rate", "errors per event handled, last 5 s");
    private final TileViewModel avgTile = new TileViewModel("avg-latency", "Avg response", "insert → read, end to end");
    private final TileViewModel p99Tile = new TileViewModel("p99-latency", "p99 response", "insert → read, end to end");
    private final TileViewModel rowsTile = new TileViewModel("rows-total", "Rows written", "inserted this session");
    private final TileViewModel eventsTotalTile = new TileViewModel("events-total", "Events", "published this session");
    private final TileViewModel bytesTile = new TileViewModel("bytes-total", "Data processed", "change-event JSON published");

    private final IntegerProperty rowsPerBurst = new SimpleIntegerProperty();
    private final LongProperty burstIntervalMs = new SimpleLongProperty();
    private final ReadOnlyStringWrapper targetRate = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper actionMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sourceReset = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper tiersAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyListWrapper<String> policies = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ObjectProperty<String> policy = new SimpleObjectProperty<>();
    private final DoubleProperty edgeServiceMs = new SimpleDoubleProperty(10);
    private final IntegerProperty edgeServers = new SimpleIntegerProperty(2);
    private final BooleanProperty edgeOutage = new SimpleBooleanProperty();
    private final DoubleProperty cloudServiceMs = new SimpleDoubleProperty(100);
    private final IntegerProperty cloudServers = new SimpleIntegerProperty(8);
    private final BooleanProperty cloudOutage = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper tiersEmpty = new ReadOnlyStringWrapper("Edge and cloud tiers are not running");
    private final ReadOnlyStringWrapper processorEmpty = new ReadOnlyStringWrapper("Processor not running");
    private final ReadOnlyStringWrapper alertsEmpty = new ReadOnlyStringWrapper("Processor not running");
    private final ReadOnlyBooleanWrapper sweepRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyListWrapper<AlertRow> alerts = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private boolean applyingTierState;
    /** The frame shown; re-applied when something of the view model's own changes (an action ends). */
    private ConsoleFrame lastFrame;

    public PipelineViewModel(PipelineControl control, TaskRunner tasks, Supplier<Optional<TierControl>> tierControl) {
        this.control = control;
        this.tasks = tasks;
        this.tierControl = tierControl;
        for (StageId id : StageId.DIAGRAM) {
            stages.add(new StageCardViewModel(id));
        }
        PipelineSettings s = control.settings();
        rowsPerBurst.set(s.rowsPerBurst());
        burstIntervalMs.set(s.burstIntervalMs());
        updateTarget();
        rowsPerBurst.addListener((o, was, now) -> push(() -> control.settings().rowsPerBurst(clamp(now.intValue(),
                MIN_ROWS_PER_BURST, MAX_ROWS_PER_BURST))));
        burstIntervalMs.addListener((o, was, now) -> push(() -> control.settings().burstIntervalMs(clamp(now.longValue(),
                MIN_BURST_INTERVAL_MS, MAX_BURST_INTERVAL_MS))));
        policy.addListener((o, was, now) -> tier(t -> t.policy(now)));
        edgeServiceMs.addListener((o, was, now) -> tier(t -> t.serviceMs(TierControl.EDGE, now.doubleValue())));
        edgeServers.addListener((o, was, now) -> tier(t -> t.servers(TierControl.EDGE, now.intValue())));
        edgeOutage.addListener((o, was, now) -> tier(t -> t.outage(TierControl.EDGE, now)));
        cloudServiceMs.addListener((o, was, now) -> tier(t -> t.serviceMs(TierControl.CLOUD, now.doubleValue())));
        cloudServers.addListener((o, was, now) -> tier(t -> t.servers(TierControl.CLOUD, now.intValue())));
        cloudOutage.addListener((o, was, now) -> tier(t -> t.outage(TierControl.CLOUD, now)));
    }

    private void push(Runnable change) {
        try {
            change.run();
            actionMessage.set("");
        } catch (SettingsException e) {
            actionMessage.set(e.getMessage());
        }
        updateTarget();
    }

    private void tier(java.util.function.Consumer<TierControl> change) {
        if (!applyingTierState) {
            tierControl.get().ifPresent(change);
        }
    }

    private void updateTarget() {
        PipelineSettings s = control.settings();
        targetRate.set(s.maxRate() ? "max rate" : "= " + Human.compact(s.targetRowsPerSecond()) + " rows/s");
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    /** Applies one frame (FX thread). */
    public void apply(ConsoleFrame frame) {
        lastFrame = frame;
        boolean isRunning = frame.pipelineRunning();
        running.set(isRunning);
        sourceReset.set(control.pendingSourceReset().orElse(""));
        ConsoleSession.Status st = frame.session();
        subtitle.set(st.profile().name() + " · " + st.profile().describe() + " · topic " + control.settings().topic());
        for (StageCardViewModel card : stages) {
            frame.stage(card.stageId()).ifPresent(f -> card.apply(f, busy.get() || !isRunning));
        }
        Tiles t = frame.tiles();
        eventsTile.apply(Human.compact(t.eventsPerS()), t.eventsHistory());
        errorTile.apply(Human.percent(t.errorPct()), t.errorHistory());
        avgTile.apply(Human.millis(t.avgMs()), t.avgHistory());
        p99Tile.apply(Human.millis(t.p99Ms()), t.p99History());
        rowsTile.apply(Human.count(t.rows()), t.rowsHistory());
        eventsTotalTile.apply(Human.count(t.events()), t.eventsTotalHistory());
        bytesTile.apply(Human.bytes(t.bytes()), t.bytesHistory());

        applyProcessor(frame);
        applyTiers(frame);
    }

    private void applyProcessor(ConsoleFrame frame) {
        Optional<ProcessorFrame> p = frame.processor();
        StageFrame box = frame.stage(StageId.PROCESSOR).orElse(null);
        if (p.isEmpty()) {
            processorEmpty.set(box != null && box.state() == StageState.STARTING
                    ? "Processor starting…" : "Processor not running");
            alertsEmpty.set(processorEmpty.get());
            if (!alerts.isEmpty()) {
                alerts.clear();
            }
            return;
        }
        alertsEmpty.set("");
        boolean starting = box != null && box.state() == StageState.STARTING;
        processorEmpty.set(!p.get().regions().isEmpty() ? ""
                : (starting ? "Processor starting" : "Processor running") + " — waiting for the first complete window");
        List<AlertRow> lines = p.get().alerts().stream()
                .map(a -> new AlertRow(CLOCK.format(Instant.ofEpochMilli(a.atMillis())), ruleName(a.rule()), a.subject(), a.value()))
                .toList();
        if (!lines.equals(alerts)) {
            alerts.setAll(lines);
        }
    }

    /** Why the CDC stopped because its database was reset, with the choices; empty when it did not. */
    public javafx.beans.property.ReadOnlyStringProperty sourceResetProperty() {
        return sourceReset.getReadOnlyProperty();
    }

    /** The user's answer to a reset: re-snapshot or resume. */
    public void resolveSourceReset(dev.flowdeck.engine.config.ResetChoice choice) {
        control.resolveSourceReset(choice);
        sourceReset.set("");
    }

    /** One line of the alerts list: when, which rule in words, about what, and the processor's message. */
    public record AlertRow(String time, String rule, String subject, String message) {
    }

    static String ruleName(String rule) {
        return switch (rule) {
            case "amount_above" -> "Amount above threshold";
            case "region_silent" -> "Region went silent";
            default -> rule.startsWith("anomaly ") ? "Rate anomaly (" + rule.substring(8) + ")"
                    : Character.toUpperCase(rule.charAt(0)) + rule.substring(1).replace('_', ' ');
        };
    }

    private void applyTiers(ConsoleFrame frame) {
        Optional<TierControl> t = tierControl.get();
        tiersAvailable.set(t.isPresent());
        if (t.isEmpty()) {
            tiersEmpty.set("Edge and cloud tiers not running");
            return;
        }
        tiersEmpty.set(frame.tiers().isPresent() ? "" : "Edge and cloud tiers not running");
        applyingTierState = true;
        try {
            TierControl c = t.get();
            if (!policies.equals(c.policies())) {
                policies.setAll(c.policies());
            }
            policy.set(c.policy());
            edgeServiceMs.set(c.serviceMs(TierControl.EDGE));
            edgeServers.set(c.servers(TierControl.EDGE));
            edgeOutage.set(c.outage(TierControl.EDGE));
            cloudServiceMs.set(c.serviceMs(TierControl.CLOUD));
            cloudServers.set(c.servers(TierControl.CLOUD));
            cloudOutage.set(c.outage(TierControl.CLOUD));
        } finally {
            applyingTierState = false;
        }
    }

    /** Runs a load sweep of both tiers in the background; the chart shows it when done. */
    public void runSweep() {
        Optional<TierControl> t = tierControl.get();
        if (t.isEmpty() || sweepRunning.get()) {
            return;
        }
        sweepRunning.set(true);
        actionMessage.set("Sweeping both tiers on the simulated clock…");
        tasks.run("load sweep", () -> {
            t.get().runSweep();
            return null;
        }, ok -> {
            sweepRunning.set(false);
            actionMessage.set("");
        }, e -> {
            sweepRunning.set(false);
            actionMessage.set("Sweep failed: " + e.getMessage());
        });
    }

    /** Frames come only when the engine shows something new; an action ending changes what the buttons allow. */
    private void reapply() {
        if (lastFrame != null) {
            apply(lastFrame);
        }
    }

    public void startAll() {
        act("Start all", () -> {
            control.startAllStages();
            return null;
        });
    }

    public void stopAll() {
        act("Stop all", () -> {
            control.stopAllStages();
            return null;
        });
    }

    /** Starts the card's stage if it is stopped, stops it otherwise. */
    public void toggle(StageCardViewModel card) {
        if (!card.startable()) {
            return;
        }
        boolean start = !card.activeProperty().get();
        act((start ? "Start " : "Stop ") + card.titleProperty().get(), () -> {
            control.setStageRunning(card.stageId(), start);
            return null;
        });
    }

    private void act(String what, java.util.concurrent.Callable<Void> work) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        actionMessage.set(what + "…");
        reapply();
        tasks.run(what, work, ok -> {
            busy.set(false);
            actionMessage.set("");
            reapply();
        }, error -> {
            busy.set(false);
            actionMessage.set(what + " failed: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
            reapply();
        });
    }

    public List<StageCardViewModel> stages() {
        return List.copyOf(stages);
    }

    /** The card of the stage with this key, e.g. {@code poller}. */
    public StageCardViewModel stage(String key) {
        return stages.stream().filter(s -> s.id().equals(key)).findFirst().orElseThrow();
    }

    public List<TileViewModel> tiles() {
        return List.of(eventsTile, errorTile, avgTile, p99Tile, rowsTile, eventsTotalTile, bytesTile);
    }

    public IntegerProperty rowsPerBurstProperty() {
        return rowsPerBurst;
    }

    public LongProperty burstIntervalMsProperty() {
        return burstIntervalMs;
    }

    public ReadOnlyStringProperty targetRateProperty() {
        return targetRate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionMessageProperty() {
        return actionMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tiersAvailableProperty() {
        return tiersAvailable.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<String> policiesProperty() {
        return policies.getReadOnlyProperty();
    }

    public ObjectProperty<String> policyProperty() {
        return policy;
    }

    public DoubleProperty edgeServiceMsProperty() {
        return edgeServiceMs;
    }

    public IntegerProperty edgeServersProperty() {
        return edgeServers;
    }

    public BooleanProperty edgeOutageProperty() {
        return edgeOutage;
    }

    public DoubleProperty cloudServiceMsProperty() {
        return cloudServiceMs;
    }

    public IntegerProperty cloudServersProperty() {
        return cloudServers;
    }

    public BooleanProperty cloudOutageProperty() {
        return cloudOutage;
    }

    public ReadOnlyStringProperty tiersEmptyProperty() {
        return tiersEmpty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processorEmptyProperty() {
        return processorEmpty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sweepRunningProperty() {
        return sweepRunning.getReadOnlyProperty();
    }

    /** The alerts panel's empty state: empty while the processor runs (the list then says "No alerts yet"). */
    public ReadOnlyStringProperty alertsEmptyProperty() {
        return alertsEmpty.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<AlertRow> alertsProperty() {
        return alerts.getReadOnlyProperty();
    }
}
