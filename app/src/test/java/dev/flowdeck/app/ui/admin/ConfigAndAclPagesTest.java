package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.AclRule;
import dev.flowdeck.engine.admin.AclService;
import dev.flowdeck.engine.admin.ClusterConfigService;
import dev.flowdeck.engine.admin.ConfigValue;
import dev.flowdeck.engine.admin.TopicSummary;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * The Broker configs, ACLs and Topics pages' configuration editing, driven through the UI on an embedded broker with
 * Kafka's standard authorizer turned on: a broker config filtered, previewed (a bad value refused by the broker's
 * dry run) and applied; an ACL created and deleted, each after its preview; any topic config changed.
 */
class ConfigAndAclPagesTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    final FxRobot robot = new FxRobot();
    FxTaskRunner tasks;
    ConsolePage page;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir)
                .withOverride("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withOverride("super.users", "User:ANONYMOUS")
                .withOverride("allow.everyone.if.no.acl.found", "true"));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    void mount(ConsolePage p) throws Exception {
        tasks = new FxTaskRunner();
        page = p;
        stage = FxPages.mount(page);
    }

    FixedContext context() {
        if (tasks == null) {
            tasks = new FxTaskRunner();
        }
        return new FixedContext(tasks, Optional.of(kafka), Optional.empty(), dir, dir.resolve("config"));
    }

    @AfterEach
    void unmount() throws Exception {
        robot.interact(() -> page.close());
        tasks.close();
        tasks = null;
        FxToolkit.cleanupStages();
    }

    @Test
    void aBrokerConfigIsFilteredPreviewedAndApplied() throws Exception {
        mount(new BrokerConfigsPage(context()));
        TableView<ConfigValue> table = table("#broker-config-table");
        await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().size() > 100);
        assertThat(table.getItems()).filteredOn(c -> c.name().equals("authorizer.class.name")).singleElement()
                .extracting(ConfigValue::source).isEqualTo("static");
        assertThat(robot.lookup("#broker-choice").queryAs(ComboBox.class).getValue()).isNotNull();

        robot.clickOn("#broker-config-filter").write("message.max.bytes");
        await().until(() -> table.getItems().stream().allMatch(c -> c.name().contains("message.max.bytes")));
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(c -> c.name().equals("message.max.bytes")).findFirst().orElseThrow()));
        assertThat(label("#broker-config-selected").getText()).contains("message.max.bytes").contains("default 1048588");

        setText("#broker-config-new-value", "lots");
        robot.clickOn("#broker-config-preview");
        await().atMost(Duration.ofSeconds(10)).until(() -> previewText("#broker-config-preview-box").contains("✗"));
        assertThat(button("#broker-config-apply").isDisabled()).as("a refused change cannot be applied").isTrue();

        setText("#broker-config-new-value", "2000000");
        robot.clickOn("#broker-config-preview");
        await().atMost(Duration.ofSeconds(10)).until(() -> !button("#broker-config-apply").isDisabled());
        assertThat(previewText("#broker-config-preview-box")).contains("(default) → 2000000");
        Screenshots.save(stage.getScene(), "broker-configs");
        robot.clickOn("#broker-config-apply");
        await().atMost(Duration.ofSeconds(15)).until(() -> label("#broker-config-result").getText().contains("2000000"));
        try (ClusterConfigService s = new ClusterConfigService(kafka)) {
            int id = s.brokers().get(0);
            assertThat(s.brokerConfigs(id)).filteredOn(c -> c.name().equals("message.max.bytes")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.value()).isEqualTo("2000000");
                        assertThat(c.source()).isEqualTo("dynamic (this broker)");
                    });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().stream()
                .anyMatch(c -> c.name().equals("message.max.bytes") && c.source().startsWith("dynamic")));
    }

    @Test
    void anAclIsCreatedAndDeletedThroughItsPreview() throws Exception {
        mount(new AclsPage(context()));
        TableView<AclRule> table = table("#acl-table");
        setText("#acl-principal", "User:alice");
        setText("#acl-resource-name", "orders");
        robot.interact(() -> robot.lookup("#acl-operation").queryAs(ComboBox.class).setValue("WRITE"));
        robot.clickOn("#acl-preview-create");
        await().atMost(Duration.ofSeconds(10)).until(() -> !button("#acl-apply").isDisabled());
        assertThat(previewText("#acl-preview")).contains("User:alice may WRITE topic orders");
        assertThat(button("#acl-apply").getText()).isEqualTo("Create ACL");
        Screenshots.save(stage.getScene(), "acls-create-preview");
        robot.clickOn("#acl-apply");
        await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().stream()
                .anyMatch(r -> r.principal().equals("User:alice") && r.operation().equals("WRITE")));
        try (AclService s = new AclService(kafka)) {
            assertThat(s.list("alice")).singleElement().satisfies(r -> assertThat(r.resourceName()).isEqualTo("orders"));
        }

        robot.clickOn("#acl-filter").write("nobody-like-this");
        await().until(() -> table.getItems().isEmpty());
        robot.interact(() -> robot.lookup("#acl-filter").queryAs(TextField.class).setText("alice"));
        await().until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#acl-preview-delete");
        await().atMost(Duration.ofSeconds(10)).until(() -> !button("#acl-apply").isDisabled());
        assertThat(previewText("#acl-preview")).contains("Delete the ACL").contains("User:alice");
        assertThat(button("#acl-apply").getText()).isEqualTo("Delete ACL");
        robot.clickOn("#acl-apply");
        await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().isEmpty());
        try (AclService s = new AclService(kafka)) {
            assertThat(s.list("alice")).isEmpty();
        }
    }

    @Test
    void aBadAclIsNamedBeforeAnythingIsSent() throws Exception {
        mount(new AclsPage(context()));
        setText("#acl-principal", "alice");
        setText("#acl-resource-name", "orders");
        robot.clickOn("#acl-preview-create");
        assertThat(previewText("#acl-preview")).contains("is not TYPE:NAME");
        assertThat(button("#acl-apply").isDisabled()).isTrue();
    }

    @Test
    void anyTopicConfigIsEditableOnTheTopicsPage() throws Exception {
        TopicsPage topics = new TopicsPage(context());
        mount(topics);
        TopicsViewModel vm = topics.viewModel();
        await().atMost(Duration.ofSeconds(20)).until(() -> vm.topics().stream().anyMatch(t -> t.name().equals("orders")));
        robot.interact(() -> vm.selectedProperty().set(vm.topics().stream().filter(t -> t.name().equals("orders"))
                .findFirst().orElseThrow()));
        TableView<ConfigValue> table = table("#topic-config-table");
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() > 20);
        assertThat(table.getItems()).extracting(ConfigValue::name).contains("max.compaction.lag.ms", "segment.jitter.ms",
                "message.timestamp.type");
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(c -> c.name().equals("segment.jitter.ms")).findFirst().orElseThrow()));
        setText("#topic-config-new-value", "1500");
        robot.clickOn("#topic-config-preview");
        await().atMost(Duration.ofSeconds(10)).until(() -> !button("#topic-config-apply").isDisabled());
        assertThat(previewText("#topic-config-preview-box")).contains("segment.jitter.ms").contains("→ 1500");
        Screenshots.save(stage.getScene(), "topic-configs");
        robot.clickOn("#topic-config-apply");
        await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().stream()
                .anyMatch(c -> c.name().equals("segment.jitter.ms") && "1500".equals(c.value())
                        && c.source().equals("dynamic (this topic)")));
        assertThat(vm.topics()).extracting(TopicSummary::name).contains("orders");
    }

    private void setText(String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    private String previewText(String id) {
        VBox box = robot.lookup(id).queryAs(VBox.class);
        StringBuilder out = new StringBuilder();
        box.getChildren().forEach(n -> out.append(((Label) n).getText()).append('\n'));
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    private Button button(String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }
}
