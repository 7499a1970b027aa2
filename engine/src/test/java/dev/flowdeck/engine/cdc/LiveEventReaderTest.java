package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.SharedBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's live reader on a real broker: counts, latencies, lag and a bounded sample of what it read. */
class LiveEventReaderTest extends SharedBroker {

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = KafkaClients.createAdmin(kafka, "test-admin")) {
            Topics.ensure(admin, topic, 2, (short) -1, Map.of(), Duration.ofSeconds(30));
        }
    }

    private static void publish(String topic, int first, int count) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put("acks", "all");
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                long now = Clocks.nowMicros();
                ChangeEvent e = new ChangeEvent(i, ChangeEvent.CREATE, "org-" + i, new BigDecimal("1.50"), "eu-west", now - 2_000, now - 1_000);
                p.send(new ProducerRecord<>(topic, Long.toString(i), ChangeEventJson.write(e)));
            }
            p.flush();
        }
    }

    @Test
    void readsOnlyNewEventsMeasuresThemAndKeepsASample() throws Exception {
        String topic = "reader_new_events";
        createTopic(topic);
        publish(topic, 1, 50); // before the reader starts: not counted
        StageCounters counters = new StageCounters("reader");
        LatencyRecorder e2e = new LatencyRecorder();
        LatencyRecorder hop = new LatencyRecorder();
        RecentEvents recent = new RecentEvents(30);
        LiveEventReader reader = new LiveEventReader(kafka, topic, counters, e2e, hop, recent, 10);
        reader.start();
        try {
            assertThat(reader.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).isTrue();
            publish(topic, 51, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.items() == 200);
            e2e.roll();
            hop.roll();
            assertThat(e2e.total().count()).isEqualTo(200);
            assertThat(e2e.total().p50()).isGreaterThanOrEqualTo(2.0); // created 2 ms before it was sent
            assertThat(hop.total().count()).isEqualTo(200);
            assertThat(counters.bytes()).isPositive();
            assertThat(recent.lastSeq()).isEqualTo(20); // every 10th of 200
            assertThat(recent.since(0)).hasSize(20).allSatisfy(s -> assertThat(s.event().id()).isGreaterThan(50));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.lagEvents() == 0);
        } finally {
            reader.stop();
        }
        assertThat(reader.status().state()).isEqualTo(StageState.STOPPED);
    }

    @Test
    void waitsForATopicThatDoesNotExistYet() throws Exception {
        String topic = "reader_late_topic";
        StageCounters counters = new StageCounters("reader");
        LiveEventReader reader = new LiveEventReader(kafka, topic, counters, new LatencyRecorder(), new LatencyRecorder(),
                new RecentEvents(10), 1);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> reader.status().message().contains("waiting for topic"));
            createTopic(topic);
            assertThat(reader.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).isTrue();
            publish(topic, 1, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.items() == 5);
        } finally {
            reader.stop();
        }
    }

    @Test
    void poisonRecordsAreSkippedAndCountedAsUnreadable() throws Exception {
        String topic = "reader_poison";
        createTopic(topic);
        StageCounters counters = new StageCounters("reader");
        LiveEventReader reader = new LiveEventReader(kafka, topic, counters, new LatencyRecorder(), new LatencyRecorder(),
                new RecentEvents(10), 1);
        reader.start();
        try {
            assertThat(reader.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).isTrue();
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(new HashMap<>(kafka.clientConfig()), new StringSerializer(),
                    new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(topic, "1", null));
                p.send(new ProducerRecord<>(topic, "2", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                p.flush();
            }
            publish(topic, 3, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.items() == 7);
            assertThat(reader.unreadable()).isEqualTo(2);
            assertThat(reader.status().state()).isEqualTo(StageState.RUNNING);
        } finally {
            reader.stop();
        }
    }

    @Test
    void theSampleRingIsBounded() {
        RecentEvents ring = new RecentEvents(3);
        for (int i = 1; i <= 7; i++) {
            ring.add(new ChangeEvent(i, "c", "o", BigDecimal.ONE, "r", 0, 0), 1_000);
        }
        assertThat(ring.since(0)).extracting(s -> s.event().id()).containsExactly(5L, 6L, 7L);
        assertThat(ring.since(6)).extracting(s -> s.event().id()).containsExactly(7L);
        assertThat(ring.since(7)).isEmpty();
    }
}
