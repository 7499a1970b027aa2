package dev.flowdeck.app.ui.processor;

import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.stream.ProcessorInsight;
import dev.flowdeck.engine.stream.ProcessorSettings;
import dev.flowdeck.engine.stream.StreamProcessor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Processor page's state, what a Flink dashboard shows of a job: the Kafka Streams topology, the group's
 * instances, this instance's threads and tasks with their lag, commit rate and latency, store size, restores and
 * rebalances; and the settings the earlier prototypes' "start pipeline" form had (parallelism = stream threads,
 * commit interval, processing guarantee). Stream threads change live; the other two only take effect when Kafka
 * Streams starts, so applying them restarts the processor, and the page says so before and while it does.
 */
public final class ProcessorViewModel {
    /** One row of the tasks table: a task and the thread that runs it. */
    public record TaskRow(String thread, String task, String kind, String partitions, long lag) {
    }

    private final Supplier<Optional<StreamProcessor>> processor;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<ProcessorInsight.Graph> graph = new ReadOnlyObjectWrapper<>(ProcessorInsight.Graph.EMPTY);
    private final ObservableList<TaskRow> taskRows = FXCollections.observableArrayList();
    private final ObservableList<ProcessorInsight.Instance> instances = FXCollections.observableArrayList();
    private final ObservableList<ProcessorInsight.Restore> restores = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty streamThreads = new SimpleIntegerProperty(1);
    private final StringProperty commitIntervalMs = new SimpleStringProperty("");
    private final StringProperty guarantee = new SimpleStringProperty(ProcessorSettings.EXACTLY_ONCE_V2);
    private final ReadOnlyStringWrapper settingsNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper restarting = new ReadOnlyBooleanWrapper(false);
    private ProcessorInsight last;
    private StreamProcessor formOf;

    public ProcessorViewModel(Supplier<Optional<StreamProcessor>> processor, TaskRunner tasks) {
        this.processor = processor;
        this.tasks = tasks;
        streamThreads.addListener(o -> describePending());
        commitIntervalMs.addListener(o -> describePending());
        guarantee.addListener(o -> describePending());
    }

    public ReadOnlyObjectProperty<ProcessorInsight.Graph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public ObservableList<TaskRow> taskRows() {
        return taskRows;
    }

    public ObservableList<ProcessorInsight.Instance> instances() {
        return instances;
    }

    public ObservableList<ProcessorInsight.Restore> restores() {
        return restores;
    }

    /** e.g. "flowdeck-processor-w5000ms · RUNNING · 2 instances". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Commit rate and latency, lag, store size, rebalances. */
    public ReadOnlyStringProperty figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public IntegerProperty streamThreadsProperty() {
        return streamThreads;
    }

    public StringProperty commitIntervalMsProperty() {
        return commitIntervalMs;
    }

    public StringProperty guaranteeProperty() {
        return guarantee;
    }

    /** What applying the form will do (live change or restart), or why it cannot. */
    public ReadOnlyStringProperty settingsNoteProperty() {
        return settingsNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty restartingProperty() {
        return restarting.getReadOnlyProperty();
    }

    /** Takes the processor's latest insight (a cheap volatile read); on the FX thread, about once a second. */
    public void refresh() {
        Optional<StreamProcessor> sp = processor.get();
        running.set(sp.isPresent());
        if (sp.isEmpty()) {
            headline.set("The processor starts with the pipeline.");
            figures.set("");
            taskRows.clear();
            instances.clear();
            restores.clear();
            graph.set(ProcessorInsight.Graph.EMPTY);
            last = null;
            formOf = null;
            return;
        }
        if (formOf != sp.get()) {
            formOf = sp.get();
            loadForm(formOf.settings());
        }
        // RUNNING's message repeats what the page shows; any other state says why (rebalancing, a database problem...)
        var status = sp.get().status();
        show(sp.get().insight(), status.state() == dev.flowdeck.engine.StageState.RUNNING ? "" : status.state() + ": " + status.message());
    }

    /** Applies one insight; package-private for tests. */
    void show(ProcessorInsight in, String status) {
        if (!in.topology().equals(graph.get()) && !in.topology().nodes().isEmpty()) {
            graph.set(in.topology());
        }
        long lag = 0;
        List<TaskRow> rows = new ArrayList<>();
        for (ProcessorInsight.StreamThread t : in.threads()) {
            for (ProcessorInsight.Task task : t.tasks()) {
                rows.add(new TaskRow(t.name(), task.id(), task.active() ? "active" : "standby", String.join(", ", task.partitions()), task.lag()));
                lag += task.active() ? Math.max(0, task.lag()) : 0;
            }
        }
        if (!rows.equals(taskRows)) {
            taskRows.setAll(rows);
        }
        if (!in.instances().equals(instances)) {
            instances.setAll(in.instances());
        }
        if (!in.restores().equals(restores)) {
            restores.setAll(in.restores());
        }
        headline.set((in.applicationId().isEmpty() ? "Kafka Streams" : in.applicationId()) + " · " + in.state() + " · "
                + Human.plural(in.threads().size(), "local thread") + " · " + Human.plural(in.instances().size(), "thread") + " in the group (every worker)"
                + (status == null || status.isEmpty() ? "" : " — " + status));
        figures.set(String.format(Locale.ROOT, "commits %.1f/s, %.0f ms avg · lag %s · state %s%s · %s",
                in.commitsPerSecond(), in.commitLatencyMs(), Human.plural(lag, "event"), Human.bytes(in.storeBytes()),
                in.storeEntries() >= 0 ? " (" + Human.plural(in.storeEntries(), "key") + ")" : "",
                Human.plural(in.rebalances(), "rebalance")));
        last = in;
    }

    private void loadForm(ProcessorSettings s) {
        streamThreads.set(s.streamThreads());
        commitIntervalMs.set(Long.toString(s.commitIntervalMs()));
        guarantee.set(s.processingGuarantee());
        describePending();
    }

    private void describePending() {
        StreamProcessor sp = formOf;
        if (sp == null) {
            settingsNote.set("");
            return;
        }
        ProcessorSettings s = sp.settings();
        List<String> restart = restartChanges(s);
        boolean threads = streamThreads.get() != s.streamThreads();
        if (restart == null) {
            settingsNote.set("commit interval must be a whole number of milliseconds");
        } else if (!restart.isEmpty()) {
            settingsNote.set("Applying restarts the processor (Kafka Streams reads " + String.join(" and ", restart)
                    + " only when it starts): it commits, leaves the group and rejoins; processing pauses a few seconds.");
        } else if (threads) {
            settingsNote.set("Applying changes the stream threads live (a rebalance, no restart).");
        } else {
            settingsNote.set("Stream threads change live; commit interval and processing guarantee need a restart.");
        }
    }

    /** The settings that differ and need a restart; null when the form has a value that is not a number. */
    private List<String> restartChanges(ProcessorSettings s) {
        List<String> out = new ArrayList<>();
        try {
            if (Long.parseLong(commitIntervalMs.get().trim()) != s.commitIntervalMs()) {
                out.add("the commit interval");
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (!guarantee.get().equals(s.processingGuarantee())) {
            out.add("the processing guarantee");
        }
        return out;
    }

    /** Applies the form: stream threads at once; commit interval and guarantee by a restart, in the background. */
    public void apply() {
        StreamProcessor sp = formOf;
        if (sp == null || restarting.get()) {
            return;
        }
        ProcessorSettings s = sp.settings();
        List<String> restart = restartChanges(s);
        if (restart == null) {
            settingsNote.set("commit interval must be a whole number of milliseconds");
            return;
        }
        try {
            if (!restart.isEmpty()) {
                long commit = Long.parseLong(commitIntervalMs.get().trim());
                new ProcessorSettings().commitIntervalMs(commit).processingGuarantee(guarantee.get()); // validates first
                s.commitIntervalMs(commit).processingGuarantee(guarantee.get());
            }
            s.streamThreads(streamThreads.get());
        } catch (SettingsException e) {
            settingsNote.set(e.getMessage());
            return;
        }
        if (restart.isEmpty()) {
            describePending();
            return;
        }
        restarting.set(true);
        settingsNote.set("Restarting the processor with " + String.join(" and ", restart) + " changed...");
        tasks.run("restart the processor", () -> {
            sp.stop();
            sp.start();
            return null;
        }, done -> {
            restarting.set(false);
            settingsNote.set("Restarted: commit interval " + s.commitIntervalMs() + " ms, " + s.processingGuarantee() + ".");
        }, e -> {
            restarting.set(false);
            settingsNote.set("The restart failed: " + e.getMessage());
        });
    }

    ProcessorInsight last() {
        return last;
    }
}
