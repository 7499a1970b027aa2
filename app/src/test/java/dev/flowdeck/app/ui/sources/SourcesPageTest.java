package dev.flowdeck.app.ui.sources;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;
import dev.flowdeck.engine.cdc.capture.ChangeOp;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.infra.EmbeddedH2;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A user ticks a table on the Sources page, starts capturing, and its snapshot and later changes arrive in Kafka. */
class SourcesPageTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static EmbeddedH2 h2;
    static Database db;
    static KafkaSettings kafka;
    final FxRobot robot = new FxRobot();
    final CaptureBoard board = new CaptureBoard();
    FxTaskRunner tasks;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("headless.geometry", "1600x1000-32");
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir.resolve("kafka")));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        h2 = EmbeddedH2.start(dir);
        db = Database.connect(new DbSettings(h2.jdbcUrl(), h2.user(), ""));
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20), amount DECIMAL(10, 2))",
                "INSERT INTO orders SELECT \"X\", 'new', \"X\" * 2 FROM SYSTEM_RANGE(1, 250)",
                "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(40))");
    }

    @AfterAll
    static void stop() {
        h2.close();
        broker.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        board.close();
        FxToolkit.cleanupStages();
        tasks.close();
    }

    @Test
    void tickingATableAndStartingSendsItsSnapshotAndItsChangesToKafka() throws Exception {
        tasks = new FxTaskRunner();
        SourcesPage page = new SourcesPage(new FixedContext(tasks, Optional.of(kafka), Optional.of(db), dir, dir), board);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            s.setScene(new Scene((Parent) page.content(), 1280, 800));
            s.show();
            page.shown();
        });
        TableView<SourceTableRow> table = robot.lookup("#sources-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().stream().anyMatch(r -> r.name().equals("public.orders")));

        TableRow<?> ordersRow = robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof SourceTableRow t
                && t.name().equals("public.orders")).query();
        robot.clickOn(robot.from(ordersRow).lookup(".check-box").queryAs(CheckBox.class));
        assertThat(table.getItems().stream().filter(r -> r.name().equals("public.orders")).findFirst().orElseThrow()
                .selectedProperty().get()).as("the tick reaches the view model").isTrue();
        robot.clickOn("#sources-start");

        await().atMost(Duration.ofSeconds(90)).until(() -> board.current()
                .flatMap(c -> c.statsOf(dev.flowdeck.engine.cdc.capture.TableId.parse("public.orders")))
                .map(s -> s.snapshotComplete()).orElse(false));
        db.execute("UPDATE orders SET status = 'paid' WHERE id = 7", "DELETE FROM orders WHERE id = 8");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ChangeEnvelope.Read> events = events("flowdeck.public.orders");
            assertThat(events.stream().filter(e -> e.op() == ChangeOp.READ)).hasSize(250);
            assertThat(events.stream().filter(e -> e.op() == ChangeOp.UPDATE)).singleElement()
                    .satisfies(e -> assertThat(e.changedFields()).containsExactly("status"));
            assertThat(events.stream().filter(e -> e.op() == ChangeOp.DELETE)).hasSize(1);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(robot.from(ordersRow).lookup(".table-cell").queryAll().stream()
                        .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList())
                        .contains("0 ins · 1 upd · 1 del"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(robot.lookup("#sources-held").queryLabeled().getText()).contains("flowdeck_change_log"));
        Path shot = dev.flowdeck.app.ui.sources.ShotFiles.save(table.getScene(), "sources-page");
        assertThat(shot).exists();
    }

    private static List<ChangeEnvelope.Read> events(String topic) {
        List<ChangeEnvelope.Read> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(kafka, "test-sources"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ChangeEnvelope.read(r.value()).ifPresent(out::add);
                }
            }
        }
        return out;
    }
}
