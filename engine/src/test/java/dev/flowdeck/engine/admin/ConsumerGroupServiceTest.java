package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConsumerGroupServiceTest {
    private static final String TOPIC = "orders";
    /** Partition 0 holds 100 records, record i stamped {@code T0 - (100 - i) s}; partition 1 holds 20. */
    private static final long T0 = System.currentTimeMillis();

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static ConsumerGroupService groups;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        groups = new ConsumerGroupService(kafka);
        TestRecords.createTopic(kafka, TOPIC, 2);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new ProducerRecord<>(TOPIC, 0, T0 - (100 - i) * 1000L, "k" + i, "v" + i));
        }
        for (int i = 0; i < 20; i++) {
            records.add(new ProducerRecord<>(TOPIC, 1, T0 - (100 - i * 5) * 1000L, "k" + i, "v" + i));
        }
        TestRecords.send(kafka, records);
    }

    @AfterAll
    static void stop() {
        groups.close();
        broker.close();
    }

    /** A group member that reads, commits the given offsets, and leaves: the group is then Empty. */
    private static void consumeAndStop(String group, long p0, long p1) {
        try (KafkaConsumer<String, String> c = member(group)) {
            c.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(100));
                return c.assignment().size() == 2;
            });
            c.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(p0),
                    new TopicPartition(TOPIC, 1), new OffsetAndMetadata(p1)));
        }
    }

    private static KafkaConsumer<String, String> member(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, group + "-member",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void lagInMessagesAndMillisecondsForAGroupThatStoppedConsuming() {
        consumeAndStop("billing", 60, 20);
        long before = System.currentTimeMillis();
        GroupDetail d = groups.detail("billing");
        long after = System.currentTimeMillis();

        assertThat(d.summary().state()).isEqualTo("Empty");
        assertThat(d.members()).isEmpty();
        PartitionLag p0 = d.partitions().get(0);
        PartitionLag p1 = d.partitions().get(1);
        assertThat(p0.committedOffset()).isEqualTo(60);
        assertThat(p0.endOffset()).isEqualTo(100);
        assertThat(p0.lagMessages()).isEqualTo(40);
        // the next unread record (offset 60) was stamped T0 - 40 s
        long stamp = T0 - 40_000;
        assertThat(p0.lagMs()).isBetween(before - stamp, after - stamp);
        assertThat(p1.lagMessages()).isZero();
        assertThat(p1.lagMs()).as("a caught-up partition has no time lag").isZero();
        assertThat(d.summary().lagMessages()).isEqualTo(40);
        assertThat(d.summary().maxLagMs()).isEqualTo(p0.lagMs());

        assertThat(groups.list()).filteredOn(g -> g.groupId().equals("billing")).singleElement().satisfies(g -> {
            assertThat(g.lagMessages()).isEqualTo(40);
            assertThat(g.maxLagMs()).isGreaterThanOrEqualTo(40_000);
            assertThat(g.topics()).containsExactly(TOPIC);
            assertThat(g.inactive()).isTrue();
        });
    }

    @Test
    void resetDryRunChangesNothingAndExecuteMovesTheOffsets() {
        consumeAndStop("reports", 60, 20);
        ResetPlan plan = groups.previewReset("reports", OffsetReset.to(OffsetReset.Strategy.EARLIEST, 0, TOPIC));
        assertThat(plan.preview().allowed()).isTrue();
        assertThat(plan.rows()).extracting(ResetPlan.Row::current, ResetPlan.Row::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(60L, 0L), org.assertj.core.groups.Tuple.tuple(20L, 0L));
        assertThat(plan.preview().effects()).anySatisfy(e -> assertThat(e).startsWith("80 records will be read again"))
                .anySatisfy(e -> assertThat(e).contains("lag after the reset: 120 messages"));
        assertThat(committed("reports")).containsExactly(60L, 20L); // a dry run changes nothing

        groups.executeReset(plan);
        assertThat(committed("reports")).containsExactly(0L, 0L);

        groups.executeReset(groups.previewReset("reports", OffsetReset.to(OffsetReset.Strategy.LATEST, 0, TOPIC)));
        assertThat(committed("reports")).containsExactly(100L, 20L);

        ResetPlan shift = groups.previewReset("reports", OffsetReset.to(OffsetReset.Strategy.SHIFT, -10, TOPIC));
        assertThat(shift.preview().effects()).anySatisfy(e -> assertThat(e).startsWith("20 records will be read again"));
        groups.executeReset(shift);
        assertThat(committed("reports")).containsExactly(90L, 10L);

        ResetPlan byTime = groups.previewReset("reports", new OffsetReset(OffsetReset.Strategy.TIMESTAMP, T0 - 50_000,
                List.of(TOPIC), OptionalInt.of(0)));
        assertThat(byTime.rows()).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo(50));
        groups.executeReset(byTime);
        assertThat(committed("reports")).containsExactly(50L, 10L);
    }

    @Test
    void resetIsRefusedWhileTheGroupIsActive() {
        try (KafkaConsumer<String, String> c = member("live-readers")) {
            c.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(100));
                return !c.assignment().isEmpty();
            });
            c.commitSync();
            ResetPlan plan = groups.previewReset("live-readers", OffsetReset.to(OffsetReset.Strategy.EARLIEST, 0, TOPIC));
            assertThat(plan.preview().allowed()).isFalse();
            assertThat(plan.preview().problems()).singleElement().asString()
                    .contains("group 'live-readers' is Stable with 1 member (live-readers-member)")
                    .contains("Stop its consumers");
            assertThat(plan.rows()).isNotEmpty(); // the dry run still shows what it would do
            assertThatThrownBy(() -> groups.executeReset(plan)).isInstanceOf(AdminException.class)
                    .hasMessageContaining("is Stable");
            assertThat(groups.detail("live-readers").members()).singleElement()
                    .satisfies(m -> assertThat(m.partitions()).containsExactly("orders-0", "orders-1"));
        }
    }

    @Test
    void executeChecksAgainThatTheGroupIsStillInactive() {
        consumeAndStop("late-starter", 10, 10);
        ResetPlan plan = groups.previewReset("late-starter", OffsetReset.to(OffsetReset.Strategy.EARLIEST, 0, TOPIC));
        assertThat(plan.preview().allowed()).isTrue();
        try (KafkaConsumer<String, String> c = member("late-starter")) {
            c.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(100));
                return !c.assignment().isEmpty();
            });
            assertThatThrownBy(() -> groups.executeReset(plan)).hasMessageContaining("after the preview");
        }
    }

    @Test
    void resetOfAnUnknownTopicOrAGroupWithoutOffsetsSaysWhy() {
        consumeAndStop("typo", 1, 1);
        assertThat(groups.previewReset("typo", OffsetReset.to(OffsetReset.Strategy.LATEST, 0, "ordres")).preview().problems())
                .singleElement().asString().contains("topic 'ordres' does not exist");
        assertThat(groups.previewReset("nobody", OffsetReset.to(OffsetReset.Strategy.LATEST, 0)).preview().problems())
                .singleElement().asString().contains("has no committed offsets").contains("name the topic");
        ResetPlan newGroup = groups.previewReset("nobody", OffsetReset.to(OffsetReset.Strategy.LATEST, 0, TOPIC));
        assertThat(newGroup.preview().allowed()).as("a group that does not exist yet may be positioned").isTrue();
        assertThat(newGroup.rows()).extracting(ResetPlan.Row::current).containsOnly(-1L);
    }

    @Test
    void topicPreviewsNameTheGroupsThatReadTheTopic() {
        consumeAndStop("auditors", 5, 5);
        try (TopicService topics = new TopicService(kafka)) {
            assertThat(topics.previewDelete(TOPIC).effects())
                    .anySatisfy(e -> assertThat(e).startsWith("consumer groups with offsets on it lose their place").contains("auditors"));
            assertThat(topics.previewAddPartitions(TOPIC, 4).effects())
                    .anySatisfy(e -> assertThat(e).contains("rebalance").contains("auditors"));
        }
    }

    private static List<Long> committed(String group) {
        GroupDetail d = groups.detail(group);
        return d.partitions().stream().map(PartitionLag::committedOffset).toList();
    }
}
