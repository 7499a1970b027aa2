package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broker and topic configs and ACLs, on an embedded broker with Kafka's standard authorizer turned on. */
class ClusterConfigAndAclTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static ClusterConfigService configs;
    static AclService acls;
    static int brokerId;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir)
                .withOverride("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withOverride("super.users", "User:ANONYMOUS")
                .withOverride("allow.everyone.if.no.acl.found", "true"));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        configs = new ClusterConfigService(kafka);
        acls = new AclService(kafka);
        brokerId = configs.brokers().get(0);
        TestRecords.createTopic(kafka, "orders", 1);
    }

    @AfterAll
    static void stop() {
        acls.close();
        configs.close();
        broker.close();
    }

    private static ConfigValue brokerConfig(String name) {
        return configs.brokerConfigs(brokerId).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void brokerConfigsShowTheirSourceAndADynamicOneIsPreviewedThenApplied() {
        assertThat(configs.brokerConfigs(brokerId)).hasSizeGreaterThan(100);
        assertThat(brokerConfig("authorizer.class.name").source()).isEqualTo("static");
        assertThat(brokerConfig("message.max.bytes").source()).isEqualTo("default");

        ChangePreview bad = configs.previewBrokerChange(brokerId, Map.of("message.max.bytes", "lots"));
        assertThat(bad.allowed()).isFalse();
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p).contains("message.max.bytes"));
        assertThat(configs.previewBrokerChange(brokerId, Map.of("node.id", "7")).problems())
                .anySatisfy(p -> assertThat(p).contains("read-only"));
        assertThat(configs.previewBrokerChange(brokerId, Map.of("message.max.byte", "1")).problems())
                .anySatisfy(p -> assertThat(p).contains("did you mean message.max.bytes"));

        ChangePreview ok = configs.previewBrokerChange(brokerId, Map.of("message.max.bytes", "2000000"));
        assertThat(ok.allowed()).as(ok.text()).isTrue();
        assertThat(ok.effects()).singleElement().satisfies(e -> assertThat(e).contains("(default) → 2000000"));
        assertThat(brokerConfig("message.max.bytes").value()).as("a preview changes nothing").isNotEqualTo("2000000");

        configs.changeBroker(brokerId, Map.of("message.max.bytes", "2000000"));
        assertThat(brokerConfig("message.max.bytes")).satisfies(c -> {
            assertThat(c.value()).isEqualTo("2000000");
            assertThat(c.source()).isEqualTo("dynamic (this broker)");
        });
        Map<String, String> reset = new HashMap<>();
        reset.put("message.max.bytes", null);
        configs.changeBroker(brokerId, reset);
        assertThat(brokerConfig("message.max.bytes").source()).isEqualTo("default");
    }

    @Test
    void anyTopicConfigIsEditableWithAPreview() {
        assertThat(configs.topicConfigs("orders")).extracting(ConfigValue::name).contains("max.compaction.lag.ms", "segment.bytes");
        ChangePreview p = configs.previewTopicChange("orders", Map.of("max.compaction.lag.ms", "60000"));
        assertThat(p.allowed()).as(p.text()).isTrue();
        configs.changeTopic("orders", Map.of("max.compaction.lag.ms", "60000"));
        assertThat(configs.topicConfigs("orders")).filteredOn(c -> c.name().equals("max.compaction.lag.ms")).singleElement()
                .satisfies(c -> {
                    assertThat(c.source()).isEqualTo("dynamic (this topic)");
                    assertThat(c.defaultValue()).as("the built-in default beside the override").isEqualTo(Long.toString(Long.MAX_VALUE));
                    assertThat(c.documentation()).isNotBlank();
                });
        assertThat(configs.previewTopicChange("orders", Map.of("segment.bytes", "-5")).allowed()).isFalse();

        try (TopicService topics = new TopicService(kafka)) {
            ChangePreview viaTopicsPage = topics.previewConfigChange("orders", Map.of("segment.jitter.ms", "1000"));
            assertThat(viaTopicsPage.allowed()).as(viaTopicsPage.text()).isTrue();
            topics.changeConfig("orders", Map.of("segment.jitter.ms", "1000"));
            assertThat(topics.allConfigsOf("orders").get("segment.jitter.ms").value()).isEqualTo("1000");
            assertThat(topics.previewConfigChange("orders", Map.of("no.such.config", "1")).problems())
                    .containsExactly("'no.such.config' is not a topic configuration name");
        }
    }

    @Test
    void aclsAreCreatedListedFilteredAndDeletedWithPreviews() {
        AclRule read = AclRule.of("User:alice", "", "read", "allow", "topic", "orders", "literal");
        AclRule deny = AclRule.of("User:bob", "10.0.0.1", "WRITE", "DENY", "TOPIC", "ord", "PREFIXED");
        ChangePreview p = acls.previewCreate(read);
        assertThat(p.allowed()).as(p.text()).isTrue();
        assertThat(p.action()).isEqualTo("Create the ACL: ALLOW User:alice to READ topic orders (literal) from any host");
        assertThat(p.effects()).containsExactly("User:alice may READ topic orders");
        acls.create(read);
        assertThat(acls.previewCreate(deny).warnings()).anySatisfy(w -> assertThat(w).contains("DENY wins"));
        acls.create(deny);

        assertThat(acls.list("")).containsExactly(deny, read);
        assertThat(acls.list("alice")).containsExactly(read);
        assertThat(acls.list("prefixed")).containsExactly(deny);
        assertThat(acls.previewCreate(read).problems()).containsExactly("this ACL exists already");

        ChangePreview del = acls.previewDelete(read);
        assertThat(del.allowed()).isTrue();
        assertThat(del.warnings()).anySatisfy(w -> assertThat(w).contains("User:alice loses READ on orders"));
        acls.delete(read);
        assertThat(acls.list("")).containsExactly(deny);
        acls.delete(deny);
        assertThat(acls.list("")).isEmpty();
        assertThat(acls.previewDelete(deny).problems()).containsExactly("no such ACL: refresh the list");

        assertThatThrownBy(() -> AclRule.of("alice", "*", "READ", "ALLOW", "TOPIC", "orders", "LITERAL"))
                .hasMessageContaining("is not TYPE:NAME");
        assertThatThrownBy(() -> AclRule.of("User:a", "*", "EAT", "ALLOW", "TOPIC", "orders", "LITERAL"))
                .hasMessageContaining("the operation 'EAT' is not one of").hasMessageContaining("READ");
    }
}
