package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.ChangePreview;
import dev.flowdeck.engine.admin.ConsumerGroupService;
import dev.flowdeck.engine.admin.GroupDetail;
import dev.flowdeck.engine.admin.GroupMember;
import dev.flowdeck.engine.admin.GroupSummary;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.LagHistory;
import dev.flowdeck.engine.admin.OffsetReset;
import dev.flowdeck.engine.admin.PartitionLag;
import dev.flowdeck.engine.admin.ResetPlan;
import dev.flowdeck.engine.admin.TimeInput;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Consumer groups page's state: the groups with their lag in messages and in time, the selected group's
 * partitions and members, and an offset reset that is always previewed (a dry run) before it is executed.
 */
public final class ConsumerGroupsViewModel implements PolledPage.Model {
    public static final String ALL_TOPICS = "All topics";
    public static final String ALL_PARTITIONS = "All";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PageStatus page = new PageStatus(UserText::of);
    private final ConsoleContext context;
    private final ConnectionScoped<KafkaSettings, ConsumerGroupService> service = new ConnectionScoped<>(ConsumerGroupService::new);

    private final ObservableList<GroupSummary> groups = FXCollections.observableArrayList();
    /** Every group's lag for the session: an hour at the page's poll of one every 2 s. */
    private final LagHistory lagHistory = new LagHistory(1_800);
    private final ReadOnlyStringWrapper selectedTrend = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<double[]> selectedLag = new ReadOnlyObjectWrapper<>(new double[0]);
    private long selectedLagSince = -1;
    private final ObjectProperty<String> selectedGroup = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<GroupDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    private final ObservableList<GroupMember> members = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    private final ObjectProperty<OffsetReset.Strategy> strategy = new SimpleObjectProperty<>(OffsetReset.Strategy.EARLIEST);
    private final StringProperty resetValue = new SimpleStringProperty("");
    private final ObservableList<String> resetTopics = FXCollections.observableArrayList(ALL_TOPICS);
    private final StringProperty resetTopic = new SimpleStringProperty(ALL_TOPICS);
    private final StringProperty resetPartition = new SimpleStringProperty(ALL_PARTITIONS);
    private final ReadOnlyObjectWrapper<ResetPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChangePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResetPlan.Row> planRows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper executeEnabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private boolean refreshing;

    public ConsumerGroupsViewModel(ConsoleContext context) {
        this.context = context;
        selectedGroup.addListener((o, was, now) -> {
            showTrend(now);
            clearPlan();
            detail.set(null);
            partitions.clear();
            members.clear();
            resetTopics.setAll(ALL_TOPICS);
            resetTopic.set(ALL_TOPICS);
            if (now != null) {
                loadDetail(now);
            }
        });
        // a changed form makes the preview stale: it must be previewed again before executing
        strategy.addListener(o -> clearPlan());
        resetValue.addListener(o -> clearPlan());
        resetTopic.addListener(o -> clearPlan());
        resetPartition.addListener(o -> clearPlan());
        plan.addListener(o -> updateExecutable());
        page.busyProperty().addListener(o -> updateExecutable());
    }

    // ---- properties

    public ObservableList<GroupSummary> groups() {
        return groups;
    }

    /** e.g. "catching up at 1,200 msg/s, caught up in about 2 min", from the lag seen this session. */
    public String trendOf(String group) {
        return lagHistory.trend(group).describe();
    }

    /** The selected group's trend in words, with its lag now. */
    public ReadOnlyStringProperty selectedTrendProperty() {
        return selectedTrend.getReadOnlyProperty();
    }

    /** The selected group's lag in messages over the session, oldest first. */
    public ReadOnlyObjectProperty<double[]> selectedLagProperty() {
        return selectedLag.getReadOnlyProperty();
    }

    /** When the selected group's first lag sample was taken (epoch ms), -1 without samples: the chart's time axis. */
    public long selectedLagSince() {
        return selectedLagSince;
    }

    private void showTrend(String group) {
        if (group == null) {
            selectedTrend.set("");
            selectedLagSince = -1;
            selectedLag.set(new double[0]);
            return;
        }
        List<LagHistory.Sample> samples = lagHistory.samples(group);
        selectedLagSince = samples.isEmpty() ? -1 : samples.get(0).atMillis();
        selectedLag.set(samples.stream().mapToDouble(LagHistory.Sample::lagMessages).toArray());
        LagHistory.Trend t = lagHistory.trend(group);
        selectedTrend.set(samples.isEmpty() ? "" : Human.plural(t.lagMessages(), "message") + " behind, "
                + (t.lagMs() > 0 ? Human.duration(t.lagMs()) + " old" : "none waiting") + " · " + t.describe()
                + " · " + Human.plural(samples.size(), "sample") + " this session");
    }

    public ObjectProperty<String> selectedGroupProperty() {
        return selectedGroup;
    }

    public ReadOnlyObjectProperty<GroupDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<PartitionLag> partitions() {
        return partitions;
    }

    public ObservableList<GroupMember> members() {
        return members;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return page.connectedProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<OffsetReset.Strategy> strategyProperty() {
        return strategy;
    }

    public StringProperty resetValueProperty() {
        return resetValue;
    }

    public ObservableList<String> resetTopics() {
        return resetTopics;
    }

    public StringProperty resetTopicProperty() {
        return resetTopic;
    }

    public StringProperty resetPartitionProperty() {
        return resetPartition;
    }

    public ReadOnlyObjectProperty<ResetPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChangePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ObservableList<ResetPlan.Row> planRows() {
        return planRows;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return page.busyProperty();
    }

    public ReadOnlyBooleanProperty executeEnabledProperty() {
        return executeEnabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return page.errorProperty();
    }

    // ---- actions

    /** Reloads the groups and the selected group's detail; skipped while the previous reload runs. */
    public void refresh() {
        Optional<KafkaSettings> kafka = context.kafka();
        page.setConnected(kafka.isPresent());
        if (kafka.isEmpty()) {
            groups.clear();
            status.set("");
            return;
        }
        if (refreshing) {
            return;
        }
        refreshing = true;
        String group = selectedGroup.get();
        context.tasks().run("list consumer groups", () -> {
            ConsumerGroupService s = service.get(kafka.get());
            List<GroupSummary> list = s.list();
            GroupDetail d = group == null ? null : list.stream().anyMatch(g -> g.groupId().equals(group)) ? s.detail(group) : null;
            return new Snapshot(list, d);
        }, snapshot -> {
            refreshing = false;
            lagHistory.record(snapshot.groups(), System.currentTimeMillis());
            groups.setAll(snapshot.groups());
            showTrend(selectedGroup.get());
            if (snapshot.detail() != null && group.equals(selectedGroup.get())) {
                showDetail(snapshot.detail());
            }
            status.set(Human.plural(snapshot.groups().size(), "consumer group") + " · updated " + LocalTime.now().format(CLOCK));
        }, e -> {
            refreshing = false;
            status.set("cannot list consumer groups: " + UserText.of(e));
        });
    }

    /** One refresh's answer: the list, and the selected group's detail if it still exists. */
    private record Snapshot(List<GroupSummary> groups, GroupDetail detail) {
    }

    private void loadDetail(String group) {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            return;
        }
        context.tasks().run("describe " + group, () -> service.get(kafka.get()).detail(group), d -> {
            if (group.equals(selectedGroup.get())) {
                showDetail(d);
            }
        }, e -> page.setError(UserText.of(e)));
    }

    private void showDetail(GroupDetail d) {
        detail.set(d);
        partitions.setAll(d.partitions());
        members.setAll(d.members());
        List<String> topics = new ArrayList<>();
        topics.add(ALL_TOPICS);
        topics.addAll(d.summary().topics());
        if (!topics.equals(resetTopics)) {
            String keep = resetTopic.get();
            resetTopics.setAll(topics);
            resetTopic.set(topics.contains(keep) ? keep : ALL_TOPICS);
        }
    }

    /** The dry run: what the reset would do, or why it may not. */
    public void previewReset() {
        String group = selectedGroup.get();
        Optional<KafkaSettings> kafka = context.kafka();
        if (group == null || kafka.isEmpty()) {
            preview.set(ChangePreview.blocked("Reset offsets", group == null ? "select a group first" : UserText.NO_KAFKA));
            return;
        }
        OffsetReset reset;
        try {
            reset = resetFromForm();
        } catch (IllegalArgumentException e) {
            preview.set(ChangePreview.blocked("Reset the offsets of group '" + group + "'", e.getMessage()));
            plan.set(null);
            return;
        }
        page.setBusy(true);
        result.set("");
        context.tasks().run("preview reset", () -> service.get(kafka.get()).previewReset(group, reset), p -> {
            page.setBusy(false);
            plan.set(p);
            planRows.setAll(p.rows());
            preview.set(p.preview());
        }, e -> {
            page.setBusy(false);
            preview.set(ChangePreview.blocked("Reset offsets", UserText.of(e)));
        });
    }

    /** Executes the previewed plan (the service checks again that the group is inactive). */
    public void executeReset() {
        ResetPlan p = plan.get();
        Optional<KafkaSettings> kafka = context.kafka();
        if (p == null || !executeEnabled.get() || kafka.isEmpty()) {
            return;
        }
        page.run(context.tasks(), "reset offsets", () -> {
            service.get(kafka.get()).executeReset(p);
            return p;
        }, done -> {
            clearPlan();
            result.set("✓ moved the offsets of '" + done.groupId() + "' on " + Human.plural(done.rows().size(), "partition"));
            loadDetail(done.groupId());
            refresh();
        });
    }

    OffsetReset resetFromForm() {
        List<String> topics = resetTopic.get() == null || resetTopic.get().equals(ALL_TOPICS) ? List.of() : List.of(resetTopic.get());
        String p = resetPartition.get() == null ? "" : resetPartition.get().trim();
        OptionalInt partition;
        if (p.isEmpty() || p.equalsIgnoreCase(ALL_PARTITIONS)) {
            partition = OptionalInt.empty();
        } else {
            try {
                partition = OptionalInt.of(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the partition '" + p + "' is not a number: give e.g. 0, or All");
            }
        }
        String v = resetValue.get() == null ? "" : resetValue.get().trim();
        long value = switch (strategy.get()) {
            case TIMESTAMP -> TimeInput.parseEpochMillis(v, ZoneId.systemDefault(), System.currentTimeMillis());
            case SHIFT -> {
                try {
                    yield Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the shift '" + v + "' is not a whole number: -100 reads 100 records "
                            + "again, +100 skips 100");
                }
            }
            default -> 0;
        };
        return new OffsetReset(strategy.get(), value, topics, partition);
    }

    private void clearPlan() {
        plan.set(null);
        preview.set(null);
        planRows.clear();
    }

    private void updateExecutable() {
        ResetPlan p = plan.get();
        executeEnabled.set(p != null && p.preview().allowed() && !page.isBusy());
    }

    @Override
    public void close() {
        service.close();
    }
}
