package dev.flowdeck.app.ui.admin;

import com.google.protobuf.DescriptorProtos;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.admin.schema.FakeRegistry;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Messages page with a Schema Registry in the profile (FakeRegistry: the Confluent REST API subset, behind basic
 * auth): a record produced from the page with a chosen subject and version (Avro, then Protobuf) reaches the topic in
 * the wire format, and browsing, the record's detail and the export show it decoded, with its schema named.
 */
class MessagesSchemaPageTest {
    private static final String ORDER = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"region\",\"type\":\"string\"}]}";
    private static final String ORDER_V2 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"region\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\"}]}";

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static FakeRegistry registry;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    MessagesPage page;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        broker = FxPages.startBroker(dir, new NewTopic("orders", 1, (short) 1), new NewTopic("payments", 1, (short) 1));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        registry = new FakeRegistry("reader", "s3cret");
        registry.register(1, "orders-value", "AVRO", ORDER, null);
        registry.register(2, "orders-value", "AVRO", ORDER_V2, null);
        DescriptorProtos.FileDescriptorProto file = DescriptorProtos.FileDescriptorProto.newBuilder().setName("payment.proto")
                .setSyntax("proto3").setPackage("shop")
                .addMessageType(DescriptorProtos.DescriptorProto.newBuilder().setName("Payment")
                        .addField(DescriptorProtos.FieldDescriptorProto.newBuilder().setName("id").setNumber(1)
                                .setType(DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(DescriptorProtos.FieldDescriptorProto.newBuilder().setName("cents").setNumber(2)
                                .setType(DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32)))
                .build();
        registry.register(3, "payments-value", "PROTOBUF", "syntax = \"proto3\"; package shop; message Payment { string id = 1; int32 cents = 2; }",
                file.toByteArray());
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @BeforeEach
    void mount() throws Exception {
        tasks = new FxTaskRunner();
        SchemaRegistry client = new SchemaRegistry(new RegistrySettings(registry.url(), "reader", "s3cret"));
        page = new MessagesPage(FxPages.context(tasks, kafka, dir, Optional.of(client)));
        stage = FxPages.mount(page);
        await().atMost(Duration.ofSeconds(15)).until(() -> page.viewModel().topicNames().contains("orders"));
    }

    @AfterEach
    void unmount() throws Exception {
        FxPages.unmount(robot, page, tasks);
    }

    @Test
    void producesWithAChosenAvroVersionAndReadsItBackDecoded() throws Exception {
        robot.interact(() -> page.viewModel().topicProperty().set("orders"));
        openProduceForm();
        await().atMost(Duration.ofSeconds(10)).until(() -> "orders-value".equals(combo("#produce-subject").getValue())
                && combo("#produce-version").getItems().containsAll(List.of("latest", "1", "2")));
        await().until(() -> text("#produce-schema").contains("AVRO schema 2 (orders-value v2)"));

        robot.interact(() -> combo("#produce-version").setValue("1"));
        await().until(() -> text("#produce-schema").contains("AVRO schema 1 (orders-value v1)"));
        robot.interact(() -> page.viewModel().producer().valueProperty().set("{\"id\": 7, \"region\": \"eu-west\"}"));
        robot.clickOn("#produce-send");
        await().atMost(Duration.ofSeconds(15)).until(() -> label("#produce-result").getText().startsWith("✓"));
        assertThat(label("#produce-result").getText()).contains("AVRO schema 1 (orders-value v1)").contains("orders partition 0");

        robot.interact(() -> page.viewModel().producer().valueProperty().set("{\"id\": \"seven\"}"));
        robot.clickOn("#produce-send");
        await().atMost(Duration.ofSeconds(15)).until(() -> label("#produce-result").getText().contains("does not fit"));

        robot.interact(() -> page.viewModel().startProperty().set(StartPosition.BEGINNING));
        robot.clickOn("#browse");
        await().atMost(Duration.ofSeconds(15)).until(() -> table().getItems().size() == 1);
        KafkaMessage m = table().getItems().get(0);
        assertThat(m.value()).contains("\"region\": \"eu-west\"").contains("\"id\": 7");
        assertThat(m.valueSchema()).contains("AVRO schema 1");
        robot.interact(() -> table().getSelectionModel().select(0));
        assertThat(text("#message-detail")).contains("AVRO schema 1").contains("eu-west");
        Screenshots.save(stage.getScene(), "produce-schema");

        Path export = dir.resolve("orders.jsonl");
        robot.interact(() -> page.viewModel().export(export));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(export) && Files.size(export) > 0);
        assertThat(Files.readString(export)).contains("eu-west").contains("AVRO schema 1").doesNotContain("s3cret");
    }

    @Test
    void producesWithAProtobufSchemaAndReadsItBackDecoded() {
        robot.interact(() -> page.viewModel().topicProperty().set("payments"));
        openProduceForm();
        await().atMost(Duration.ofSeconds(10)).until(() -> "payments-value".equals(combo("#produce-subject").getValue()));
        robot.interact(() -> page.viewModel().producer().valueProperty().set("{\"id\": \"p-1\", \"cents\": 1250}"));
        robot.clickOn("#produce-send");
        await().atMost(Duration.ofSeconds(15)).until(() -> label("#produce-result").getText().startsWith("✓"));
        assertThat(label("#produce-result").getText()).contains("PROTOBUF schema 3");

        robot.interact(() -> page.viewModel().startProperty().set(StartPosition.BEGINNING));
        robot.clickOn("#browse");
        await().atMost(Duration.ofSeconds(15)).until(() -> table().getItems().size() == 1);
        assertThat(table().getItems().get(0).value()).contains("\"cents\":1250").contains("\"id\":\"p-1\"");
        assertThat(table().getItems().get(0).valueSchema()).contains("PROTOBUF schema 3");
    }

    private void openProduceForm() {
        robot.interact(() -> robot.lookup("#produce-pane").queryAs(TitledPane.class).setExpanded(true));
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> combo(String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(TextArea.class).getText();
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<KafkaMessage> table() {
        return robot.lookup("#message-table").queryAs(TableView.class);
    }
}
