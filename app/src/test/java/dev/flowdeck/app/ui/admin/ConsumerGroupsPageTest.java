package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.GroupSummary;
import dev.flowdeck.engine.admin.OffsetReset;
import dev.flowdeck.engine.admin.PartitionLag;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsumerGroupsPageTest {
    private static final String TOPIC = "db_live_events";

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    /** A member that stays in its group for the whole class: the group is Stable, its offsets must not be reset. */
    static KafkaConsumer<String, String> activeMember;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    ConsumerGroupsPage page;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        long start = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 300; i++) {
                // 100 records per partition, one every 2 s of the last 10 minutes
                p.send(new ProducerRecord<>(TOPIC, i % 3, start + i * 2_000L, Integer.toString(i), "{\"id\":" + i + "}")).get();
            }
        }
        commitAndLeave("stream-processor", 60, 100, 80);
        commitAndLeave("cloud-tier", 100, 100, 100);
        activeMember = member("edge-tier");
        activeMember.subscribe(List.of(TOPIC));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            activeMember.poll(Duration.ofMillis(100));
            return activeMember.assignment().size() == 3;
        });
        activeMember.commitSync();
    }

    static KafkaConsumer<String, String> member(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, group + "-1",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }

    static void commitAndLeave(String group, long... offsets) {
        try (KafkaConsumer<String, String> c = member(group)) {
            c.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(100));
                return c.assignment().size() == 3;
            });
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (int p = 0; p < offsets.length; p++) {
                commit.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(offsets[p]));
            }
            c.commitSync(commit);
        }
    }

    @AfterAll
    static void stop() {
        activeMember.close();
        broker.close();
    }

    @BeforeEach
    void mount() throws Exception {
        tasks = new FxTaskRunner();
        page = new ConsumerGroupsPage(new FixedContext(tasks, Optional.of(kafka), Optional.empty(), dir, dir.resolve("config")));
        stage = FxPages.mount(page);
        await().atMost(Duration.ofSeconds(20)).until(() -> groupTable().getItems().size() >= 3);
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void showsLagInMessagesAndTime() {
        GroupSummary g = groupTable().getItems().stream().filter(s -> s.groupId().equals("stream-processor")).findFirst().orElseThrow();
        assertThat(g.state()).isEqualTo("Empty");
        assertThat(g.lagMessages()).isEqualTo(60);
        // partition 0's next unread record (offset 60, record 180) was stamped 10 min - 360 s ago: about 4 minutes
        assertThat(g.maxLagMs()).isBetween(Duration.ofMinutes(3).toMillis(), Duration.ofMinutes(6).toMillis());
        GroupSummary caughtUp = groupTable().getItems().stream().filter(s -> s.groupId().equals("cloud-tier")).findFirst().orElseThrow();
        assertThat(caughtUp.lagMessages()).isZero();
        assertThat(caughtUp.maxLagMs()).isZero();
    }

    @Test
    void resetsAnInactiveGroupAfterADryRun() {
        select("stream-processor");
        await().atMost(Duration.ofSeconds(15)).until(() -> partitionTable().getItems().size() == 3);
        robot.interact(() -> page.viewModel().strategyProperty().set(OffsetReset.Strategy.EARLIEST));
        Button execute = robot.lookup("#execute-reset").queryButton();
        assertThat(execute.isDisabled()).as("no reset without a dry run").isTrue();
        robot.clickOn("#preview-reset");
        await().atMost(Duration.ofSeconds(15)).until(() -> !execute.isDisabled());
        assertThat(previewText()).contains("240 records will be read again");
        assertThat(committed()).containsExactly(60L, 100L, 80L); // the dry run changed nothing

        robot.clickOn(execute);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(committed()).containsExactly(0L, 0L, 0L));
        assertThat(robot.lookup("#reset-result").queryAs(Label.class).getText()).startsWith("✓ moved the offsets of 'stream-processor'");
    }

    @Test
    void refusesToResetAnActiveGroup() {
        select("edge-tier");
        await().atMost(Duration.ofSeconds(15)).until(() -> partitionTable().getItems().size() == 3);
        robot.clickOn("#preview-reset");
        await().atMost(Duration.ofSeconds(15)).until(() -> previewText().contains("Stop its consumers"));
        assertThat(previewText()).contains("group 'edge-tier' is Stable with 1 member (edge-tier-1)");
        assertThat(robot.lookup("#execute-reset").queryButton().isDisabled()).isTrue();
    }

    @Test
    void screenshot() throws Exception {
        commitAndLeave("tier-sink", 90, 70, 95);
        select("tier-sink");
        await().atMost(Duration.ofSeconds(20)).until(() -> partitionTable().getItems().size() == 3);
        robot.interact(() -> {
            page.viewModel().strategyProperty().set(OffsetReset.Strategy.SHIFT);
            page.viewModel().resetValueProperty().set("-25");
        });
        robot.clickOn("#preview-reset");
        await().atMost(Duration.ofSeconds(15)).until(() -> previewText().contains("read again"));
        Screenshots.save(stage.getScene(), "consumer-groups");
    }

    @Test
    void chartsTheLagOverTheSessionWithItsTrendAndCatchUpEstimate() throws Exception {
        long[][] commits = {{0, 0, 0}, {30, 30, 30}, {50, 50, 50}, {70, 70, 70}};
        commitAndLeave("catching-up", commits[0]);
        select("catching-up");
        for (int i = 1; i <= commits.length; i++) {
            int samples = i;
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                robot.interact(() -> page.viewModel().refresh());
                return page.viewModel().selectedLagProperty().get().length >= samples
                        && page.viewModel().selectedLagProperty().get()[page.viewModel().selectedLagProperty().get().length - 1]
                        == 300 - commits[samples - 1][0] * 3;
            });
            if (i < commits.length) {
                commitAndLeave("catching-up", commits[i]);
            }
        }
        String trend = robot.lookup("#group-trend").queryAs(Label.class).getText();
        assertThat(trend).startsWith("90 messages behind").contains("catching up at").contains("caught up in about");
        // the page also polls by itself: more samples than the four commits, the same lags in order
        assertThat(java.util.Arrays.stream(page.viewModel().selectedLagProperty().get()).distinct().toArray())
                .containsExactly(300, 210, 150, 90);
        assertThat(page.viewModel().trendOf("catching-up")).startsWith("catching up at");
        assertThat(page.viewModel().trendOf("cloud-tier")).isEqualTo("caught up");
        // the chart names its unit and shows both axes' ends: most and least lag, first sample's time and now
        assertThat(robot.lookup("#group-lag-chart").queryAs(dev.flowdeck.app.ui.kit.AxisSparkline.class).labels())
                .containsExactly("lag (messages behind)", "300", "0", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                        .format(java.time.Instant.ofEpochMilli(page.viewModel().selectedLagSince()).atZone(java.time.ZoneId.systemDefault())), "now");
        Screenshots.save(stage.getScene(), "consumer-groups-lag");
    }

    private void select(String group) {
        await().atMost(Duration.ofSeconds(20)).until(() -> groupTable().getItems().stream().anyMatch(g -> g.groupId().equals(group)));
        robot.interact(() -> {
            TableView<GroupSummary> t = groupTable();
            t.getItems().stream().filter(g -> g.groupId().equals(group)).findFirst().ifPresent(g -> t.getSelectionModel().select(g));
        });
    }

    private List<Long> committed() {
        robot.interact(() -> page.viewModel().refresh());
        return partitionTable().getItems().stream().map(PartitionLag::committedOffset).toList();
    }

    private TableView<GroupSummary> groupTable() {
        return robot.lookup("#group-table").queryTableView();
    }

    private TableView<PartitionLag> partitionTable() {
        return robot.lookup("#group-partitions").queryTableView();
    }

    private String previewText() {
        return robot.lookup("#preview").tryQuery().map(n -> ((VBox) n).getChildren().stream()
                .map(c -> ((Label) c).getText()).reduce("", (a, b) -> a + "\n" + b)).orElse("");
    }
}
