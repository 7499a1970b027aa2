package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.ChangeEventJson;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.testing.SharedBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each tier is a consumer group on the change-event topic, taking its sample into the router on the wall clock. */
class TierFeedTest extends SharedBroker {
    private static final String TOPIC = "tier_feed_events";

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = KafkaClients.createAdmin(kafka, "tier-feed-test")) {
            Topics.ensure(admin, TOPIC, 3, (short) 1, Map.of(), Duration.ofSeconds(30));
        }
    }

    @Test
    void eachTierTakesItsSampleOfTheStreamThroughItsOwnGroup() throws Exception {
        TierSettings edge = new TierSettings(1, 4, 1, 100_000).sampleFraction(1.0); // a poll hands over hundreds at once
        TierSettings cloud = new TierSettings(2, 8, 4, 100_000).sampleFraction(0.25);
        Tiers tiers = Tiers.wall(edge, cloud, new RouterSettings().spillThreshold(TierSettings.MAX_QUEUE), 1, n -> new LatencyRecorder());
        TierFeed edgeFeed = new TierFeed(kafka, TOPIC, tiers, TierRole.EDGE);
        TierFeed cloudFeed = new TierFeed(kafka, TOPIC, tiers, TierRole.CLOUD);
        tiers.stage().start();
        edgeFeed.start();
        cloudFeed.start();
        try {
            assertThat(edgeFeed.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(edgeFeed.status().message()).isTrue();
            assertThat(cloudFeed.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(cloudFeed.status().message()).isTrue();
            int events = 2_000;
            publish(1, events);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of(edgeFeed.seen(), cloudFeed.seen(),
                    tiers.inFlight(), tiers.edge().counts().completed() + tiers.cloud().counts().completed()))
                    .isEqualTo(List.of((long) events, (long) events, 0L, (long) events + events / 4)));
            assertThat(edgeFeed.groupId()).isEqualTo("flowdeck-tier-edge");
            assertThat(cloudFeed.groupId()).isEqualTo("flowdeck-tier-cloud");
            assertThat(edgeFeed.taken()).isEqualTo(events);
            assertThat(cloudFeed.taken()).isEqualTo(events / 4);
            assertThat(tiers.edge().counts().arrivals()).isEqualTo(events);
            assertThat(tiers.cloud().counts().arrivals()).isEqualTo(events / 4);
            assertThat(tiers.edge().counts().failed() + tiers.cloud().counts().failed()).isZero();
        } finally {
            edgeFeed.stop();
            cloudFeed.stop();
            tiers.stage().stop();
            tiers.close();
        }
        assertThat(edgeFeed.status().state()).isEqualTo(StageState.STOPPED);
    }

    @Test
    void aFeedStartsAtTheLiveEndNotAtABacklogWrittenWhileItWasOff() throws Exception {
        TierSettings edge = new TierSettings(1, 4, 1, 100_000).sampleFraction(1.0);
        TierSettings cloud = new TierSettings(2, 8, 4, 100_000).sampleFraction(0.0);
        // a first run commits the group's position, then stops
        Tiers first = Tiers.wall(edge, cloud, new RouterSettings().spillThreshold(TierSettings.MAX_QUEUE), 1, n -> new LatencyRecorder());
        TierFeed firstFeed = new TierFeed(kafka, TOPIC, first, TierRole.EDGE);
        first.stage().start();
        firstFeed.start();
        assertThat(firstFeed.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(firstFeed.status().message()).isTrue();
        publish(10_001, 10_100);
        await().atMost(Duration.ofSeconds(30)).until(() -> firstFeed.seen() == 100);
        firstFeed.stop();
        first.stage().stop();
        first.close();

        publish(20_001, 25_000); // the backlog: written while no tier runs
        Tiers second = Tiers.wall(edge, cloud, new RouterSettings().spillThreshold(TierSettings.MAX_QUEUE), 1, n -> new LatencyRecorder());
        TierFeed secondFeed = new TierFeed(kafka, TOPIC, second, TierRole.EDGE);
        second.stage().start();
        secondFeed.start();
        try {
            assertThat(secondFeed.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(secondFeed.status().message()).isTrue();
            publish(30_001, 30_300); // live
            await().atMost(Duration.ofSeconds(30)).until(() -> second.edge().counts().completed() >= 300);
            assertThat(secondFeed.seen()).as("only the events published while the feed ran").isEqualTo(300);
            assertThat(second.edge().counts().arrivals()).isEqualTo(300);
        } finally {
            secondFeed.stop();
            second.stage().stop();
            second.close();
        }
    }

    @Test
    void recordsThatAreNotChangeEventsAreSkippedAndCountedByTheVerifierAndTakenByTheTiers() throws Exception {
        String topic = "poison_events";
        try (Admin admin = KafkaClients.createAdmin(kafka, "tier-feed-test")) {
            Topics.ensure(admin, topic, 1, (short) 1, Map.of(), Duration.ofSeconds(30));
        }
        TierSettings edge = new TierSettings(1, 4, 1, 100_000).sampleFraction(1.0);
        TierSettings cloud = new TierSettings(2, 8, 4, 100_000).sampleFraction(0.0);
        Tiers tiers = Tiers.wall(edge, cloud, new RouterSettings().spillThreshold(TierSettings.MAX_QUEUE), 1, n -> new LatencyRecorder());
        TierFeed feed = new TierFeed(kafka, topic, tiers, TierRole.EDGE);
        dev.flowdeck.engine.cdc.DeliveryVerifier verifier = new dev.flowdeck.engine.cdc.DeliveryVerifier(kafka, topic, 0,
                new dev.flowdeck.engine.metrics.StageCounters("verifier"), new LatencyRecorder(), new LatencyRecorder());
        verifier.pinStart();
        tiers.stage().start();
        feed.start();
        verifier.start();
        try {
            assertThat(feed.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(feed.status().message()).isTrue();
            assertThat(verifier.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).as(verifier.status().message()).isTrue();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, "tombstone", null));
                producer.send(new ProducerRecord<>(topic, "text", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topic, "array", "[1, 2]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                for (long i = 1; i <= 10; i++) {
                    ChangeEvent e = new ChangeEvent(i, ChangeEvent.CREATE, "org", BigDecimal.TEN, "eu", 1_000L * i, 1_000L * i + 5);
                    producer.send(new ProducerRecord<>(topic, Long.toString(i), ChangeEventJson.write(e)));
                }
                producer.flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> verifier.verified() == 10 && feed.seen() == 13);
            assertThat(verifier.unreadable()).isEqualTo(3);
            assertThat(verifier.status().state()).isEqualTo(StageState.RUNNING);
            assertThat(feed.status().state()).isEqualTo(StageState.RUNNING);
            await().atMost(Duration.ofSeconds(30)).until(() -> tiers.edge().counts().completed() == 13);
        } finally {
            verifier.stop();
            feed.stop();
            tiers.stage().stop();
            tiers.close();
        }
    }

    private static void publish(long fromId, long toId) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (long i = fromId; i <= toId; i++) {
                ChangeEvent e = new ChangeEvent(i, ChangeEvent.CREATE, "org", BigDecimal.TEN, "eu", 1_000L * i, 1_000L * i + 5);
                producer.send(new ProducerRecord<>(TOPIC, Long.toString(i), ChangeEventJson.write(e)));
            }
            producer.flush();
        }
    }
}
