package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Topic creation and record writing for the admin tests. */
final class TestRecords {
    private TestRecords() {
    }

    static void createTopic(KafkaSettings kafka, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.ensure(admin, topic, partitions, (short) 1, Map.of(), Duration.ofSeconds(30));
        }
    }

    static KafkaProducer<String, String> producer(KafkaSettings kafka) {
        // Plain producer, one in flight: no first-batch loss on brand-new topics (KAFKA-15591).
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer());
    }

    /** Writes records synchronously, in order. */
    static void send(KafkaSettings kafka, List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> p = producer(kafka)) {
            for (ProducerRecord<String, String> r : records) {
                p.send(r).get();
            }
        }
    }
}
