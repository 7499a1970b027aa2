package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.ClusterService;
import dev.flowdeck.engine.admin.ClusterState;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Cluster page's state: the brokers (which is the controller, which are down) and every partition's leader,
 * replicas and in-sync replicas, with under-replicated and offline ones counted and, on request, the only ones
 * listed. A reading replaces the lists only when something changed, so a table of hundreds of partitions is not
 * rebuilt every few seconds.
 */
public final class ClusterViewModel implements PolledPage.Model {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ConsoleContext context;
    private final ConnectionScoped<KafkaSettings, ClusterService> service = new ConnectionScoped<>(ClusterService::new);
    private final ObservableList<ClusterState.Broker> brokers = FXCollections.observableArrayList();
    private final ObservableList<ClusterState.Partition> partitions = FXCollections.observableArrayList();
    private final BooleanProperty problemsOnly = new SimpleBooleanProperty(false);
    private final StringProperty topicFilter = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper healthy = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private ClusterState last;
    private boolean refreshing;

    public ClusterViewModel(ConsoleContext context) {
        this.context = context;
        problemsOnly.addListener(o -> showPartitions());
        topicFilter.addListener(o -> showPartitions());
    }

    public ObservableList<ClusterState.Broker> brokers() {
        return brokers;
    }

    public ObservableList<ClusterState.Partition> partitions() {
        return partitions;
    }

    /** Only under-replicated and offline partitions. */
    public BooleanProperty problemsOnlyProperty() {
        return problemsOnly;
    }

    /** Only partitions of topics whose name contains this text. */
    public StringProperty topicFilterProperty() {
        return topicFilter;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthyProperty() {
        return healthy.getReadOnlyProperty();
    }

    /** e.g. "3 brokers · controller 2 · 57 partitions · 0 under-replicated · 0 offline". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What is wrong, in words (empty when healthy). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public void refresh() {
        Optional<KafkaSettings> kafka = context.kafka();
        connected.set(kafka.isPresent());
        if (kafka.isEmpty()) {
            last = null;
            brokers.clear();
            partitions.clear();
            summary.set("");
            problem.set("");
            status.set("");
            return;
        }
        if (refreshing) {
            return;
        }
        refreshing = true;
        context.tasks().run("read the cluster", () -> service.get(kafka.get()).read(), this::show, e -> {
            refreshing = false;
            status.set("cannot read the cluster: " + UserText.of(e));
        });
    }

    /** Applies a reading; on the FX thread. */
    void show(ClusterState s) {
        refreshing = false;
        status.set("updated " + LocalTime.now().format(CLOCK));
        if (last != null && last.brokers().equals(s.brokers()) && last.partitions().equals(s.partitions())) {
            return;
        }
        last = s;
        brokers.setAll(s.brokers());
        showPartitions();
        long down = s.down().size();
        summary.set(String.format(Locale.ROOT, "%s%s · controller %s · %s · %d under-replicated · %d offline",
                Human.plural(s.brokers().size() - down, "broker") + " up", down > 0 ? ", " + down + " down" : "",
                controller(s), Human.plural(s.partitions().size(), "partition"),
                s.underReplicatedCount(), s.offlineCount()));
        Optional<String> p = s.problem(PipelineSettings.DEFAULT_TOPIC);
        problem.set(p.orElse(""));
        healthy.set(p.isEmpty());
    }

    /** The active controller's id; a node missing from the broker list is a controller-only one (Kafka's production layout). */
    private static String controller(ClusterState s) {
        if (s.controller() < 0) {
            return "unknown";
        }
        boolean broker = s.brokers().stream().anyMatch(b -> b.id() == s.controller());
        return s.controller() + (broker ? "" : " (controller-only node)");
    }

    private void showPartitions() {
        if (last == null) {
            partitions.clear();
            return;
        }
        String filter = topicFilter.get() == null ? "" : topicFilter.get().trim().toLowerCase(Locale.ROOT);
        List<ClusterState.Partition> shown = last.partitions().stream()
                .filter(p -> !problemsOnly.get() || p.offline() || p.underReplicated())
                .filter(p -> filter.isEmpty() || p.topic().toLowerCase(Locale.ROOT).contains(filter))
                .sorted(Comparator.comparing(p -> p.topic().startsWith("__"))) // Kafka's own topics after the user's
                .toList();
        if (!shown.equals(partitions)) {
            partitions.setAll(shown);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
