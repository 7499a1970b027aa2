package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TopicServiceTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static TopicService topics;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        topics = new TopicService(kafka, Map.of("orders-pipeline", "the pipeline's change-event topic"));
    }

    @AfterAll
    static void stop() {
        topics.close();
        broker.close();
    }

    @Test
    void createValidatesWithClearMessagesBeforeAnythingReachesKafka() {
        ChangePreview badName = topics.previewCreate(new TopicSpec("orders v2", 3, (short) 1, null, null));
        assertThat(badName.allowed()).isFalse();
        assertThat(badName.problems()).singleElement().asString()
                .contains("contains ' '").contains("use only letters, digits, '.', '_' and '-'");

        ChangePreview tooManyCopies = topics.previewCreate(new TopicSpec("orders", 3, (short) 3, null, null));
        assertThat(tooManyCopies.problems()).singleElement().asString()
                .contains("replication factor 3 is larger than the number of brokers (1)");

        ChangePreview several = topics.previewCreate(new TopicSpec("", 0, (short) 1, -5L, "shred"));
        assertThat(several.problems()).hasSize(4).anySatisfy(p -> assertThat(p).contains("name is empty"))
                .anySatisfy(p -> assertThat(p).contains("partitions must be at least 1"))
                .anySatisfy(p -> assertThat(p).contains("retention"))
                .anySatisfy(p -> assertThat(p).contains("cleanup policy 'shred' is unknown"));

        assertThatThrownBy(() -> topics.create(new TopicSpec("a/b", 1, (short) 1, null, null)))
                .isInstanceOf(AdminException.class).hasMessageContaining("'/'");
        assertThat(topics.names(false)).doesNotContain("a/b");
    }

    @Test
    void createsAndListsATopicWithItsSettings() {
        TopicSpec spec = new TopicSpec("payments", 4, (short) 1, DurationInput.parseMillis("12h", "retention"), "compact,delete");
        ChangePreview preview = topics.previewCreate(spec);
        assertThat(preview.allowed()).isTrue();
        assertThat(preview.text()).contains("4 partitions").contains("retention 12 h").contains("compact,delete");

        topics.create(spec);

        TopicSummary s = summary("payments");
        assertThat(s.partitions()).isEqualTo(4);
        assertThat(s.replicationFactor()).isEqualTo(1);
        assertThat(s.retentionMs()).isEqualTo(12 * 3_600_000L);
        assertThat(s.cleanupPolicy()).isEqualTo("compact,delete");
        assertThat(s.records()).isZero();
        assertThat(topics.previewCreate(spec).problems()).singleElement().asString().contains("already exists");
    }

    @Test
    void listShowsSizeRecordsAndMessagesPerSecond() throws Exception {
        TestRecords.createTopic(kafka, "metrics", 2);
        topics.list(false); // first observation: no rate yet
        List<ProducerRecord<String, String>> batch = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> batch.add(new ProducerRecord<>("metrics", "k" + i, "{\"n\":" + i + "}")));
        TestRecords.send(kafka, batch);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TopicSummary s = summary("metrics");
            assertThat(s.records()).isEqualTo(200);
            assertThat(s.sizeBytes()).isGreaterThan(200 * 8);
            // the listing right after the writes saw the end offsets jump: a positive rate in the history
            assertThat(java.util.Arrays.stream(s.rateHistory()).max().orElse(0)).isGreaterThan(0);
            assertThat(s.messagesPerSecond()).isNotNaN();
        });
    }

    @Test
    void changesConfigAfterAPreviewThatSaysWhatWillBeDeleted() throws Exception {
        TestRecords.createTopic(kafka, "audit", 1);
        long old = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(new ProducerRecord<>("audit", 0, old + i, "k", "old-" + i));
        }
        records.add(new ProducerRecord<>("audit", 0, System.currentTimeMillis(), "k", "new"));
        TestRecords.send(kafka, records);

        Map<String, String> change = Map.of("retention.ms", Long.toString(Duration.ofHours(1).toMillis()));
        ChangePreview preview = topics.previewConfigChange("audit", change);
        assertThat(preview.allowed()).isTrue();
        assertThat(preview.effects()).anySatisfy(e -> assertThat(e).contains("→ 1 h"))
                .anySatisfy(e -> assertThat(e).contains("about 5 records are older than 1 h"));

        topics.changeConfig("audit", change);
        assertThat(topics.configOf("audit").get("retention.ms").value()).isEqualTo("3600000");
        assertThat(summary("audit").retentionMs()).isEqualTo(3_600_000L);

        ChangePreview compact = topics.previewConfigChange("audit", Map.of("cleanup.policy", "compact"));
        assertThat(compact.warnings()).anySatisfy(w -> assertThat(w).contains("rejects records without a key"));
        ChangePreview same = topics.previewConfigChange("audit", change);
        assertThat(same.problems()).singleElement().asString().contains("nothing to change");
        ChangePreview bad = topics.previewConfigChange("audit", Map.of("retention.ms", "soon"));
        assertThat(bad.problems()).singleElement().asString().contains("'soon' is not a number");

        Map<String, String> reset = new HashMap<>();
        reset.put("retention.ms", null);
        topics.changeConfig("audit", reset);
        assertThat(topics.configOf("audit").get("retention.ms").isDefault()).isTrue();
    }

    @Test
    void addsPartitionsAndSaysKeysWillMove() throws Exception {
        TestRecords.createTopic(kafka, "orders-pipeline", 3);
        ChangePreview preview = topics.previewAddPartitions("orders-pipeline", 6);
        assertThat(preview.allowed()).isTrue();
        assertThat(preview.effects()).anySatisfy(e -> assertThat(e).startsWith("adds 3 partitions (3 → 6)"))
                .anySatisfy(e -> assertThat(e).contains("keys will map to different partitions from now on"));
        assertThat(preview.warnings()).anySatisfy(w -> assertThat(w).contains("is the pipeline's change-event topic"))
                .anySatisfy(w -> assertThat(w).contains("cannot be undone"));
        assertThat(topics.previewAddPartitions("orders-pipeline", 2).problems()).singleElement().asString()
                .contains("must be larger than the current 3 partitions");

        topics.addPartitions("orders-pipeline", 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> summary("orders-pipeline").partitions() == 6);
    }

    @Test
    void deletesATopicAfterAPreviewAndRefusesKafkasOwn() throws Exception {
        TestRecords.createTopic(kafka, "scratch", 2);
        TestRecords.send(kafka, List.of(new ProducerRecord<>("scratch", "a", "1"), new ProducerRecord<>("scratch", "b", "2")));
        ChangePreview preview = topics.previewDelete("scratch");
        assertThat(preview.allowed()).isTrue();
        assertThat(preview.effects()).anySatisfy(e -> assertThat(e).contains("deletes 2 partitions holding about 2 records"));

        topics.delete("scratch");
        await().atMost(Duration.ofSeconds(20)).until(() -> !topics.names(true).contains("scratch"));
        assertThat(topics.previewDelete("scratch").problems()).singleElement().asString().contains("does not exist");
        assertThat(topics.previewDelete("__consumer_offsets").allowed()).isFalse();
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(DurationInput.parseMillis("7d", "retention")).isEqualTo(7 * 86_400_000L);
        assertThat(DurationInput.parseMillis("1h 30min", "retention")).isEqualTo(90 * 60_000L);
        assertThat(DurationInput.parseMillis("250", "retention")).isEqualTo(250);
        assertThat(DurationInput.parseMillis("forever", "retention")).isEqualTo(-1);
        assertThatThrownBy(() -> DurationInput.parseMillis("3 fortnights", "retention"))
                .hasMessageContaining("'3 fortnights' is not a duration");
        assertThat(Human.duration(90 * 60_000L)).isEqualTo("1 h 30 min");
    }

    private static TopicSummary summary(String name) {
        return topics.list(false).stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("topic " + name + " is not listed"));
    }
}
