package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.ClusterState;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Cluster page on a real (embedded) broker: the broker and every partition read live; then, fed a reading of a
 * three-broker cluster in a failover, it names the problem and marks the offline and under-replicated partitions,
 * and with hundreds of partitions it filters and stays responsive.
 */
class ClusterPageTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    ClusterPage page;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("db_live_events", 3, (short) 1), new NewTopic("flowdeck_alerts", 1, (short) 1)))
                    .all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void mount() throws Exception {
        tasks = new FxTaskRunner();
        page = new ClusterPage(new FixedContext(tasks, Optional.of(kafka), Optional.empty(), dir, dir.resolve("config")));
        stage = FxPages.mount(page);
        await().atMost(Duration.ofSeconds(20)).until(() -> partitionTable().getItems().size() >= 4);
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void showsTheBrokerAndEveryPartitionWithItsLeader() {
        List<ClusterState.Broker> brokers = brokerTable().getItems();
        assertThat(brokers).hasSize(1);
        assertThat(brokers.get(0).up()).isTrue();
        assertThat(brokers.get(0).controller()).as("the single node is the KRaft controller").isTrue();
        assertThat(partitionTable().getItems()).filteredOn(p -> p.topic().equals("db_live_events")).hasSize(3)
                .allSatisfy(p -> {
                    assertThat(p.leader()).isEqualTo(brokers.get(0).id());
                    assertThat(p.underReplicated()).isFalse();
                });
        assertThat(label("#cluster-summary").getText()).contains("1 broker up").contains("0 under-replicated").contains("0 offline");
        assertThat(label("#cluster-problem").isVisible()).isFalse();
    }

    @Test
    void aControllerThatIsNoBrokerIsNamedAsSuch() {
        ClusterState dedicated = new ClusterState("c", 4, List.of(
                new ClusterState.Broker(1, "127.0.0.1", 19600, "", false, true),
                new ClusterState.Broker(2, "127.0.0.1", 19610, "", false, true),
                new ClusterState.Broker(3, "127.0.0.1", 19620, "", false, true)), List.of(), System.currentTimeMillis());
        robot.interact(() -> {
            page.hidden(); // no live reading may replace the one under test
            page.viewModel().show(dedicated);
        });
        assertThat(label("#cluster-summary").getText()).contains("3 brokers up").contains("controller 4 (controller-only node)");
    }

    @Test
    void aFailoverIsNamedAndItsPartitionsMarked() throws Exception {
        List<ClusterState.Partition> parts = new ArrayList<>();
        parts.add(new ClusterState.Partition("db_live_events", 0, -1, List.of(1, 2, 3), List.of(2, 3)));
        parts.add(new ClusterState.Partition("db_live_events", 1, 2, List.of(2, 3, 1), List.of(2, 3)));
        parts.add(new ClusterState.Partition("db_live_events", 2, 3, List.of(3, 1, 2), List.of(3, 1, 2)));
        ClusterState failover = new ClusterState("c", 2, List.of(
                new ClusterState.Broker(1, "", 0, "", false, false),
                new ClusterState.Broker(2, "127.0.0.1", 19610, "", true, true),
                new ClusterState.Broker(3, "127.0.0.1", 19620, "", false, true)), parts, System.currentTimeMillis());
        robot.interact(() -> {
            page.hidden(); // no live reading may replace the one under test
            page.viewModel().show(failover);
        });
        assertThat(label("#cluster-problem").isVisible()).isTrue();
        assertThat(label("#cluster-problem").getText()).isEqualTo("leader of db_live_events-0 moving: broker 1 down");
        assertThat(label("#cluster-summary").getText()).contains("2 brokers up, 1 down").contains("controller 2 ·")
                .contains("1 under-replicated").contains("1 offline");
        robot.interact(() -> partitionTable().layout());
        assertThat(rowsWith(ClusterView.OFFLINE)).containsExactly("db_live_events-0");
        assertThat(rowsWith(ClusterView.UNDER_REPLICATED)).containsExactly("db_live_events-1");
        assertThat(ClusterView.state(parts.get(1))).isEqualTo("under-replicated: replica 1 out of sync");
        assertThat(ClusterView.state(new ClusterState.Partition("t", 0, 3, List.of(1, 2, 3), List.of(3))))
                .isEqualTo("under-replicated: replicas 1, 2 out of sync");

        robot.clickOn("#cluster-problems-only");
        assertThat(partitionTable().getItems()).extracting(ClusterState.Partition::name)
                .containsExactly("db_live_events-0", "db_live_events-1");
        Screenshots.save(stage.getScene(), "cluster-failover");
        robot.clickOn("#cluster-problems-only");
        assertThat(robot.lookup("#cluster-problems-only").queryAs(CheckBox.class).isSelected()).isFalse();
    }

    @Test
    void hundredsOfPartitionsFilterAtOnce() {
        List<ClusterState.Partition> parts = new ArrayList<>();
        parts.add(new ClusterState.Partition("__consumer_offsets", 0, 1, List.of(1, 2, 3), List.of(1, 2, 3)));
        for (int t = 0; t < 40; t++) {
            for (int p = 0; p < 12; p++) {
                parts.add(new ClusterState.Partition("topic_" + t, p, 1 + p % 3, List.of(1, 2, 3), List.of(1, 2, 3)));
            }
        }
        ClusterState big = new ClusterState("c", 1, List.of(new ClusterState.Broker(1, "h", 1, "", true, true),
                new ClusterState.Broker(2, "h", 2, "", false, true), new ClusterState.Broker(3, "h", 3, "", false, true)),
                parts, System.currentTimeMillis());
        robot.interact(() -> {
            page.hidden();
            page.viewModel().show(big);
        });
        assertThat(partitionTable().getItems()).hasSize(481);
        assertThat(partitionTable().getItems().get(0).topic()).as("the user's topics first").isEqualTo("topic_0");
        assertThat(partitionTable().getItems().get(480).topic()).as("Kafka's internal topics last").isEqualTo("__consumer_offsets");
        assertThat(partitionTable().lookupAll(".table-row-cell").size()).as("virtual rows").isLessThan(100);
        robot.clickOn("#cluster-topic-filter").write("topic_7");
        assertThat(partitionTable().getItems()).extracting(ClusterState.Partition::topic).containsOnly("topic_7");
        assertThat(robot.lookup("#cluster-topic-filter").queryAs(TextField.class).getText()).isEqualTo("topic_7");
    }

    private List<String> rowsWith(String styleClass) {
        List<String> out = new ArrayList<>();
        for (Node n : partitionTable().lookupAll(".table-row-cell")) {
            if (n.getStyleClass().contains(styleClass) && n instanceof javafx.scene.control.TableRow<?> r
                    && r.getItem() instanceof ClusterState.Partition p) {
                out.add(p.name());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private TableView<ClusterState.Broker> brokerTable() {
        return robot.lookup("#broker-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<ClusterState.Partition> partitionTable() {
        return robot.lookup("#partition-table").queryAs(TableView.class);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }
}
