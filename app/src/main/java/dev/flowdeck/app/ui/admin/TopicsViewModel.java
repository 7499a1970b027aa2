package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.ChangePreview;
import dev.flowdeck.engine.admin.DurationInput;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.TopicService;
import dev.flowdeck.engine.admin.TopicSpec;
import dev.flowdeck.engine.admin.TopicSummary;
import dev.flowdeck.engine.cdc.OffsetStore;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The Topics page's state: the topic list with rates, a create form, edits for the selected topic, and the one
 * pending change with its preview. Nothing is applied without a preview that allows it; a delete also needs the
 * topic's name typed.
 */
public final class TopicsViewModel implements PolledPage.Model {
    /** What Apply will do. */
    public enum ChangeKind { CREATE, CONFIG, PARTITIONS, DELETE }

    /** A previewed change waiting for Apply. */
    public record PendingChange(ChangeKind kind, String topic, TopicSpec spec, Map<String, String> configs, int partitions) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PageStatus page = new PageStatus(UserText::of);
    private final ConsoleContext context;
    private final ConnectionScoped<KafkaSettings, TopicService> service = new ConnectionScoped<>(
            k -> new TopicService(k, roles()));

    private final ObservableList<TopicSummary> topics = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final BooleanProperty showInternal = new SimpleBooleanProperty(false);
    private final StringProperty filter = new SimpleStringProperty("");

    private final StringProperty newName = new SimpleStringProperty("");
    private final StringProperty newPartitions = new SimpleStringProperty("3");
    private final StringProperty newReplication = new SimpleStringProperty("");
    private final StringProperty newRetention = new SimpleStringProperty("7d");
    private final StringProperty newCleanup = new SimpleStringProperty("delete");

    private final ObjectProperty<TopicSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty editRetention = new SimpleStringProperty("");
    private final StringProperty editCleanup = new SimpleStringProperty("");
    private final StringProperty editPartitions = new SimpleStringProperty("");
    private final StringProperty deleteConfirmation = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<ChangePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PendingChange> pending = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper applyEnabled = new ReadOnlyBooleanWrapper(false);
    private final ConfigEditorViewModel configEditor;
    private boolean refreshing;

    public TopicsViewModel(ConsoleContext context) {
        this.context = context;
        this.configEditor = new ConfigEditorViewModel(context);
        // every config of the selected topic, not only the quick ones of the Configure tab
        selected.addListener((o, was, now) -> {
            ConfigTarget target = now == null ? null : new ConfigTarget.Topic(now.name());
            if (!Objects.equals(target, configEditor.targetProperty().get())) {
                configEditor.targetProperty().set(target);
            }
        });
        // a refresh replaces the selected row with fresh numbers: keep the user's edits unless another topic is chosen
        selected.addListener((o, was, now) -> {
            if (was == null || now == null || !was.name().equals(now.name())) {
                fillEdits(now);
            }
        });
        preview.addListener(o -> updateApplyEnabled());
        deleteConfirmation.addListener(o -> updateApplyEnabled());
        page.busyProperty().addListener(o -> updateApplyEnabled());
    }

    private static Map<String, String> roles() {
        return Map.of(PipelineSettings.DEFAULT_TOPIC, "the pipeline's change-event topic: the CDC poller writes every "
                        + "row to it and the processor reads it",
                OffsetStore.TOPIC, "the CDC poller's offset store: without it the pipeline publishes every row again");
    }

    // ---- properties

    public ObservableList<TopicSummary> topics() {
        return topics;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return page.connectedProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return page.busyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return page.errorProperty();
    }

    /** What the last applied change did, e.g. "created topic 'orders'". */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newPartitionsProperty() {
        return newPartitions;
    }

    public StringProperty newReplicationProperty() {
        return newReplication;
    }

    public StringProperty newRetentionProperty() {
        return newRetention;
    }

    public StringProperty newCleanupProperty() {
        return newCleanup;
    }

    /** Every configuration of the selected topic, with source and default, each editable with a preview. */
    public ConfigEditorViewModel configEditor() {
        return configEditor;
    }

    public ObjectProperty<TopicSummary> selectedProperty() {
        return selected;
    }

    public StringProperty editRetentionProperty() {
        return editRetention;
    }

    public StringProperty editCleanupProperty() {
        return editCleanup;
    }

    public StringProperty editPartitionsProperty() {
        return editPartitions;
    }

    public StringProperty deleteConfirmationProperty() {
        return deleteConfirmation;
    }

    public ReadOnlyObjectProperty<ChangePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PendingChange> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyEnabledProperty() {
        return applyEnabled.getReadOnlyProperty();
    }

    /** The topics whose name contains the filter text. */
    public boolean matchesFilter(TopicSummary t) {
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        return f.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(f);
    }

    // ---- actions

    /** Reloads the list (and the rates); skipped while the previous reload still runs. */
    public void refresh() {
        Optional<KafkaSettings> kafka = context.kafka();
        page.setConnected(kafka.isPresent());
        if (kafka.isEmpty()) {
            topics.clear();
            status.set("");
            return;
        }
        if (refreshing) {
            return;
        }
        refreshing = true;
        boolean internal = showInternal.get();
        context.tasks().run("list topics", () -> service.get(kafka.get()).list(internal), list -> {
            refreshing = false;
            String keep = selected.get() == null ? null : selected.get().name();
            topics.setAll(list);
            if (keep != null) {
                list.stream().filter(t -> t.name().equals(keep)).findFirst().ifPresent(t -> {
                    if (!t.equals(selected.get())) {
                        selected.set(t);
                    }
                });
            }
            long total = list.stream().mapToLong(TopicSummary::records).sum();
            status.set(Human.plural(list.size(), "topic") + ", " + Human.plural(total, "record") + " · updated "
                    + LocalTime.now().format(CLOCK));
        }, e -> {
            refreshing = false;
            status.set("cannot list topics: " + UserText.of(e));
        });
    }

    public void previewCreate() {
        TopicSpec spec;
        try {
            spec = specFromForm();
        } catch (IllegalArgumentException e) {
            showPreview(ChangePreview.blocked("Create topic '" + newName.get().trim() + "'", e.getMessage()), null);
            return;
        }
        runPreview("preview create", s -> s.previewCreate(spec), new PendingChange(ChangeKind.CREATE, spec.name(), spec, Map.of(), 0));
    }

    public void previewConfigChange() {
        TopicSummary t = selected.get();
        if (t == null) {
            showPreview(ChangePreview.blocked("Change configuration", "select a topic in the list first"), null);
            return;
        }
        Map<String, String> changes = new HashMap<>();
        try {
            String retention = editRetention.get() == null ? "" : editRetention.get().trim();
            if (!retention.isEmpty()) {
                long ms = DurationInput.parseMillis(retention, "retention");
                if (ms != t.retentionMs()) {
                    changes.put("retention.ms", Long.toString(ms));
                }
            }
            String cleanup = editCleanup.get() == null ? "" : editCleanup.get().trim();
            if (!cleanup.isEmpty() && !cleanup.equals(t.cleanupPolicy())) {
                changes.put("cleanup.policy", cleanup);
            }
        } catch (IllegalArgumentException e) {
            showPreview(ChangePreview.blocked("Change the configuration of '" + t.name() + "'", e.getMessage()), null);
            return;
        }
        runPreview("preview config", s -> s.previewConfigChange(t.name(), changes),
                new PendingChange(ChangeKind.CONFIG, t.name(), null, Map.copyOf(changes), 0));
    }

    public void previewAddPartitions() {
        TopicSummary t = selected.get();
        if (t == null) {
            showPreview(ChangePreview.blocked("Add partitions", "select a topic in the list first"), null);
            return;
        }
        int total;
        try {
            total = Integer.parseInt(editPartitions.get().trim());
        } catch (RuntimeException e) {
            showPreview(ChangePreview.blocked("Add partitions to '" + t.name() + "'", "the new partition count '"
                    + editPartitions.get() + "' is not a whole number"), null);
            return;
        }
        runPreview("preview partitions", s -> s.previewAddPartitions(t.name(), total),
                new PendingChange(ChangeKind.PARTITIONS, t.name(), null, Map.of(), total));
    }

    public void previewDelete() {
        TopicSummary t = selected.get();
        if (t == null) {
            showPreview(ChangePreview.blocked("Delete topic", "select a topic in the list first"), null);
            return;
        }
        deleteConfirmation.set("");
        runPreview("preview delete", s -> s.previewDelete(t.name()), new PendingChange(ChangeKind.DELETE, t.name(), null, Map.of(), 0));
    }

    /** Applies the previewed change. */
    public void apply() {
        PendingChange change = pending.get();
        Optional<KafkaSettings> kafka = context.kafka();
        if (change == null || !applyEnabled.get() || kafka.isEmpty()) {
            return;
        }
        Callable<String> work = () -> {
            TopicService s = service.get(kafka.get());
            return switch (change.kind()) {
                case CREATE -> {
                    s.create(change.spec());
                    yield "created topic '" + change.topic() + "'";
                }
                case CONFIG -> {
                    s.changeConfig(change.topic(), change.configs());
                    yield "changed the configuration of '" + change.topic() + "'";
                }
                case PARTITIONS -> {
                    s.addPartitions(change.topic(), change.partitions());
                    yield "'" + change.topic() + "' now has " + change.partitions() + " partitions";
                }
                case DELETE -> {
                    s.delete(change.topic());
                    yield "deleted topic '" + change.topic() + "'";
                }
            };
        };
        page.run(context.tasks(), "apply topic change", work, done -> {
            result.set("✓ " + done);
            preview.set(null);
            pending.set(null);
            deleteConfirmation.set("");
            if (change.kind() == ChangeKind.CREATE) {
                newName.set("");
            }
            if (change.kind() == ChangeKind.DELETE) {
                selected.set(null);
            }
            refresh();
        });
    }

    public void clearPreview() {
        preview.set(null);
        pending.set(null);
    }

    private interface PreviewCall {
        ChangePreview preview(TopicService service);
    }

    private void runPreview(String name, PreviewCall call, PendingChange change) {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            showPreview(ChangePreview.blocked("Preview", UserText.NO_KAFKA), null);
            return;
        }
        page.setBusy(true);
        context.tasks().run(name, () -> call.preview(service.get(kafka.get())), p -> {
            page.setBusy(false);
            showPreview(p, change);
        }, e -> {
            page.setBusy(false);
            showPreview(ChangePreview.blocked("Preview", UserText.of(e)), null);
        });
    }

    private void showPreview(ChangePreview p, PendingChange change) {
        page.setError("");
        result.set("");
        pending.set(p.allowed() ? change : null);
        preview.set(p);
    }

    private void updateApplyEnabled() {
        PendingChange change = pending.get();
        ChangePreview p = preview.get();
        boolean ok = change != null && p != null && p.allowed() && !page.isBusy();
        if (ok && change.kind() == ChangeKind.DELETE) {
            ok = change.topic().equals(deleteConfirmation.get() == null ? "" : deleteConfirmation.get().trim());
        }
        applyEnabled.set(ok);
    }

    TopicSpec specFromForm() {
        int partitions = parseInt(newPartitions.get(), "partitions");
        String rf = newReplication.get() == null ? "" : newReplication.get().trim();
        short replication = rf.isEmpty() || rf.equalsIgnoreCase("default") ? -1 : (short) parseInt(rf, "replication factor");
        String retentionText = newRetention.get() == null ? "" : newRetention.get().trim();
        Long retention = retentionText.isEmpty() || retentionText.equalsIgnoreCase("default") ? null
                : DurationInput.parseMillis(retentionText, "retention");
        return new TopicSpec(newName.get(), partitions, replication, retention, newCleanup.get());
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + (text == null ? "" : text.trim()) + "' is not a whole number");
        }
    }

    private void fillEdits(TopicSummary t) {
        if (t == null) {
            editRetention.set("");
            editCleanup.set("");
            editPartitions.set("");
            return;
        }
        editRetention.set(Human.duration(t.retentionMs()));
        editCleanup.set(t.cleanupPolicy());
        editPartitions.set(Integer.toString(t.partitions()));
    }

    /** The list as the view shows it; exposed for tests. */
    List<TopicSummary> visibleTopics() {
        return topics.stream().filter(this::matchesFilter).toList();
    }

    @Override
    public void close() {
        configEditor.close();
        service.close();
    }
}
