package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MessagesPageTest {
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    MessagesPage page;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("db_live_events", 3, (short) 1))).all().get();
        }
        // one synchronous record per partition first: no first-batch loss on a brand-new topic (KAFKA-15591)
        try (KafkaProducer<String, String> p = producer()) {
            for (int i = 0; i < 300; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>("db_live_events", i % 3, null, Integer.toString(i), event(i));
                r.headers().add(new RecordHeader("source", "livedb".getBytes(StandardCharsets.UTF_8)));
                p.send(r).get();
            }
        }
    }

    static String event(int i) {
        return "{\"id\":" + i + ",\"op\":\"c\",\"org\":\"Org " + (i % 7) + "\",\"amount\":" + (i % 400) + ".25,\"region\":\""
                + REGIONS[i % 3] + "\",\"created_at\":\"2026-05-01T10:00:00Z\",\"source\":\"livedb\"}";
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void mount() throws Exception {
        tasks = new FxTaskRunner();
        page = new MessagesPage(new FixedContext(tasks, Optional.of(kafka), Optional.empty(), dir, dir.resolve("config")));
        stage = FxPages.mount(page);
        await().atMost(Duration.ofSeconds(15)).until(() -> "db_live_events".equals(page.viewModel().topicProperty().get())
                && page.viewModel().partitions().size() == 4);
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void browsesFromAnOffsetAndShowsTheRecords() {
        robot.interact(() -> {
            page.viewModel().partitionProperty().set("1");
            page.viewModel().startProperty().set(StartPosition.OFFSET);
            page.viewModel().limitProperty().set("5"); // other tests of this class write more records
        });
        robot.clickOn("#message-position").write("95");
        robot.clickOn("#browse");
        await().atMost(Duration.ofSeconds(15)).until(() -> table().getItems().size() == 5);
        assertThat(table().getItems()).extracting(KafkaMessage::offset).containsExactly(95L, 96L, 97L, 98L, 99L);
        assertThat(table().getItems()).extracting(KafkaMessage::partition).containsOnly(1);
        assertThat(robot.lookup("#message-status").queryAs(Label.class).getText())
                .contains("5 records in partition 1 from offset 95");

        robot.interact(() -> table().getSelectionModel().select(0));
        String detail = robot.lookup("#message-detail").queryAs(TextArea.class).getText();
        assertThat(detail).contains("partition 1 · offset 95").contains("source: livedb").contains("\"region\" : \"us-east\"");
    }

    @Test
    void filtersByAJsonField() {
        robot.interact(() -> {
            page.viewModel().startProperty().set(StartPosition.BEGINNING);
            page.viewModel().limitProperty().set("100");
        });
        robot.clickOn("#filter-json").write("region=ap-south");
        robot.clickOn("#browse");
        await().atMost(Duration.ofSeconds(15)).until(() -> table().getItems().size() == 100);
        // the oldest 100 matches: the seeded ap-south records, all in partition 2, read among the other regions'
        assertThat(table().getItems()).allSatisfy(m -> assertThat(m.value()).contains("\"ap-south\""));
        assertThat(table().getItems()).extracting(KafkaMessage::partition).containsOnly(2);
        assertThat(robot.lookup("#message-status").queryAs(Label.class).getText()).contains("matching JSON region=ap-south");
    }

    @Test
    void liveTailShowsNewRecordsAndProduceWritesOne() {
        robot.clickOn("#live-tail");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.viewModel().tailingProperty().get());
        // wait until the tail is positioned at the end, then write through the page's own produce form
        robot.interact(() -> {
            TitledPane pane = robot.lookup("#produce-pane").queryAs(TitledPane.class);
            pane.setAnimated(false); // a sliding pane moves its fields under the robot's clicks
            pane.setExpanded(true);
        });
        robot.clickOn("#produce-key").write("manual-1");
        robot.clickOn("#produce-value").write("{\"region\":\"eu-west\",\"note\":\"typed in the console\"}");
        robot.clickOn("#produce-headers").write("origin=console");
        assertThat(page.viewModel().produceKeyProperty().get()).as("the typed key").isEqualTo("manual-1");
        assertThat(page.viewModel().produceHeadersProperty().get()).as("the typed headers").isEqualTo("origin=console");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            robot.interact(() -> page.viewModel().produce());
            assertThat(table().getItems()).as(() -> "the tail's table; produce said '"
                            + page.viewModel().produceResultProperty().get() + "', tail stats '"
                            + page.viewModel().tailStatsProperty().get() + "'")
                    .anyMatch(m -> "manual-1".equals(m.key()));
        });
        KafkaMessage m = table().getItems().stream().filter(r -> "manual-1".equals(r.key())).findFirst().orElseThrow();
        assertThat(m.headers()).containsExactly(new KafkaMessage.MessageHeader("origin", "console"));
        assertThat(robot.lookup("#produce-result").queryAs(Label.class).getText()).startsWith("✓ written to db_live_events");
        robot.clickOn("#live-tail");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.viewModel().tailingProperty().get());
    }

    @Test
    void screenshotOfALiveTail() throws Exception {
        robot.interact(() -> page.viewModel().jsonFilterProperty().set("amount>=100"));
        robot.clickOn("#live-tail");
        Thread writer = new Thread(() -> {
            try (KafkaProducer<String, String> p = producer()) {
                for (int i = 300; i < 3_300; i++) {
                    ProducerRecord<String, String> r = new ProducerRecord<>("db_live_events", Integer.toString(i), event(i));
                    r.headers().add(new RecordHeader("source", "livedb".getBytes(StandardCharsets.UTF_8)));
                    r.headers().add(new RecordHeader("trace-id", ("7f3a" + Integer.toHexString(i * 7919)).getBytes(StandardCharsets.UTF_8)));
                    p.send(r);
                    if (i % 100 == 0) {
                        p.flush();
                        java.util.concurrent.locks.LockSupport.parkNanos(40_000_000L); // pacing a load generator
                    }
                }
            }
        }, "flowdeck-test-writer");
        writer.start();
        writer.join();
        await().atMost(Duration.ofSeconds(15)).until(() -> table().getItems().size() > 200);
        robot.interact(() -> {
            page.viewModel().followProperty().set(false);
            table().scrollTo(table().getItems().size() - 30);
            table().getSelectionModel().select(table().getItems().size() - 22);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#tail-stats").queryAs(Label.class).getText().startsWith("tail:"));
        Screenshots.save(stage.getScene(), "messages");
        assertThat(table().getItems()).allSatisfy(m -> assertThat(Double.parseDouble(
                m.value().replaceAll(".*\"amount\":([0-9.]+).*", "$1"))).isGreaterThanOrEqualTo(100));
    }

    private TableView<KafkaMessage> table() {
        return robot.lookup("#message-table").queryTableView();
    }
}
