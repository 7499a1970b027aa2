package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.TopicSummary;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicsPageTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    TopicsPage page;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("db_live_events", 3, (short) 1),
                    new NewTopic("flowdeck_cdc_offsets", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("region_totals", 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    Stage mount(Optional<KafkaSettings> k) throws Exception {
        tasks = new FxTaskRunner();
        page = new TopicsPage(new FixedContext(tasks, k, Optional.empty(), dir, dir.resolve("config")));
        return FxPages.mount(page);
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void createsATopicAfterAPreviewAndSeesItListed() throws Exception {
        mount(Optional.of(kafka));
        robot.clickOn("#new-topic-name").write("orders-fx");
        robot.interact(() -> robot.lookup("#new-topic-partitions").queryAs(TextField.class).setText("6"));
        Button apply = robot.lookup("#apply-topic-change").queryButton();
        assertThat(apply.isDisabled()).as("nothing to apply before a preview").isTrue();

        robot.clickOn("#preview-create");
        await().atMost(Duration.ofSeconds(15)).until(() -> !apply.isDisabled());
        assertThat(previewText()).contains("Create topic 'orders-fx'").contains("6 partitions");
        assertThat(apply.getText()).isEqualTo("Create topic");

        robot.clickOn(apply);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(tableNames()).contains("orders-fx"));
        TopicSummary created = table().getItems().stream().filter(t -> t.name().equals("orders-fx")).findFirst().orElseThrow();
        assertThat(created.partitions()).isEqualTo(6);
        assertThat(created.retentionMs()).isEqualTo(7 * 86_400_000L);
        assertThat(robot.lookup("#topic-result").queryAs(Label.class).getText()).contains("created topic 'orders-fx'");
    }

    @Test
    void deleteNeedsThePreviewAndTheTypedName() throws Exception {
        mount(Optional.of(kafka));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("to-delete", 1, (short) 1))).all().get();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            robot.interact(() -> page.viewModel().refresh());
            assertThat(tableNames()).contains("to-delete");
        });
        robot.interact(() -> {
            TableView<TopicSummary> t = table();
            t.getItems().stream().filter(s -> s.name().equals("to-delete")).findFirst().ifPresent(s -> t.getSelectionModel().select(s));
            TabPane tabs = robot.lookup("#topic-actions").queryAs(TabPane.class);
            tabs.getSelectionModel().select(3);
        });
        robot.clickOn("#preview-delete");
        Button apply = robot.lookup("#apply-topic-change").queryButton();
        await().atMost(Duration.ofSeconds(15)).until(() -> previewText().contains("Delete topic 'to-delete'"));
        assertThat(apply.isDisabled()).as("the name is not typed yet").isTrue();
        robot.clickOn("#delete-confirmation").write("to-delet");
        assertThat(apply.isDisabled()).isTrue();
        robot.write("e");
        assertThat(apply.isDisabled()).isFalse();
        assertThat(apply.getText()).isEqualTo("Delete topic");
        robot.clickOn(apply);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            robot.interact(() -> page.viewModel().refresh());
            assertThat(tableNames()).doesNotContain("to-delete");
        });
    }

    @Test
    void showsAClearEmptyStateWithoutKafka() throws Exception {
        mount(Optional.empty());
        assertThat(robot.lookup("#empty-state").queryAs(Label.class).getText()).startsWith("Kafka is not connected yet");
        assertThat(robot.lookup("#empty-state").queryAs(Label.class).getParent().isVisible()).isTrue();
        Screenshots.save(robot.lookup("#topics").query().getScene(), "topics-empty");
    }

    @Test
    void screenshotWithLiveTopics() throws Exception {
        Stage stage = mount(Optional.of(kafka));
        Thread writer = new Thread(() -> produceFor(Duration.ofSeconds(9)), "flowdeck-test-writer");
        writer.start();
        writer.join();
        robot.interact(() -> {
            TableView<TopicSummary> t = table();
            t.getItems().stream().filter(s -> s.name().equals("db_live_events")).findFirst().ifPresent(s -> t.getSelectionModel().select(s));
            robot.lookup("#topic-actions").queryAs(TabPane.class).getSelectionModel().select(2);
            robot.lookup("#edit-partitions").queryAs(TextField.class).setText("6");
        });
        robot.clickOn("#preview-partitions");
        await().atMost(Duration.ofSeconds(15)).until(() -> previewText().contains("keys will map to different partitions"));
        await().atMost(Duration.ofSeconds(10)).until(() -> table().getItems().stream()
                .anyMatch(t -> t.name().equals("db_live_events") && t.rateHistory().length >= 3));
        Path file = Screenshots.save(stage.getScene(), "topics");
        assertThat(file).exists();
    }

    /** Writes at a rate that rises and falls, so the sparkline has a shape. */
    private static void produceFor(Duration d) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            long end = System.nanoTime() + d.toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                double phase = (end - System.nanoTime()) / (double) d.toNanos();
                int perTick = (int) (40 + 160 * Math.sin(phase * Math.PI));
                for (int k = 0; k < perTick; k++, i++) {
                    String region = new String[] {"eu-west", "us-east", "ap-south"}[i % 3];
                    p.send(new ProducerRecord<>("db_live_events", Integer.toString(i),
                            "{\"id\":" + i + ",\"op\":\"c\",\"org\":\"Acme\",\"amount\":" + (i % 500) + ".25,\"region\":\"" + region + "\"}"));
                    if (k % 4 == 0) {
                        p.send(new ProducerRecord<>("region_totals", region, "{\"region\":\"" + region + "\",\"total\":" + i + "}"));
                    }
                }
                p.flush();
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // pacing a load generator, not synchronisation
            }
        }
    }

    private TableView<TopicSummary> table() {
        return robot.lookup("#topic-table").queryTableView();
    }

    private List<String> tableNames() {
        return table().getItems().stream().map(TopicSummary::name).toList();
    }

    private String previewText() {
        return robot.lookup("#preview").tryQuery().map(n -> ((javafx.scene.layout.VBox) n).getChildren().stream()
                .map(c -> ((Label) c).getText()).reduce("", (a, b) -> a + "\n" + b)).orElse("");
    }
}
