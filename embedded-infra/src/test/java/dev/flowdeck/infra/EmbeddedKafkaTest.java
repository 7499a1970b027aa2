package dev.flowdeck.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaTest {

    @Test
    void roundTripSurvivesRestartAndStopLeavesNoBrokerThreads(@TempDir Path dir) throws Exception {
        Set<String> threadsBefore = liveThreadNames();
        EmbeddedKafka.Options options;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir))) {
            options = kafka.options();
            assertThat(Files.exists(dir.resolve("kafka/meta.properties"))).isTrue();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("round-trip", 1, (short) 1))).all().get();
            }
            produce(kafka.bootstrapServers(), "first");
            assertThat(consumeAll(kafka.bootstrapServers())).containsExactly("first");
            produceInTransaction(kafka.bootstrapServers(), "in-a-transaction");
            assertThat(segmentBytes(kafka.bootstrapServers(), "__transaction_state"))
                    .as("Kafka's transaction log rolls small segments, so the cleaner can compact it")
                    .isEqualTo(EmbeddedKafka.INTERNAL_SEGMENT_BYTES);
        }
        // Same folder, same ports: the data written before the stop is still there.
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options)) {
            produce(kafka.bootstrapServers(), "second");
            assertThat(consumeAll(kafka.bootstrapServers())).containsExactly("first", "in-a-transaction", "second");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> left = liveThreadNames();
            left.removeAll(threadsBefore);
            // Yammer's meter tick pool is a JVM-wide daemon singleton shared by every broker in this JVM.
            left.removeIf(name -> name.startsWith("Attach") || name.startsWith("surefire") || name.startsWith("awaitility")
                    || name.startsWith("metrics-meter-tick-thread"));
            assertThat(left).as("threads left after the broker stopped").isEmpty();
        });
    }

    @Test
    void aDataFolderFromAnEarlierVersionGetsTheSmallInternalSegmentsOnTheNextStart(@TempDir Path dir) throws Exception {
        // as the broker created Kafka's transaction log before it set a segment size of its own
        EmbeddedKafka.Options older = EmbeddedKafka.Options.in(dir)
                .withOverride("transaction.state.log.segment.bytes", Integer.toString(100 << 20));
        EmbeddedKafka.Options ports;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(older)) {
            ports = kafka.options();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("round-trip", 1, (short) 1))).all().get();
            }
            produceInTransaction(kafka.bootstrapServers(), "older");
            assertThat(segmentBytes(kafka.bootstrapServers(), "__transaction_state")).isEqualTo(100 << 20);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir).withPorts(ports.brokerPort(), ports.controllerPort()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(segmentBytes(kafka.bootstrapServers(), "__transaction_state"))
                            .isEqualTo(EmbeddedKafka.INTERNAL_SEGMENT_BYTES));
            produceInTransaction(kafka.bootstrapServers(), "newer");
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("round-trip", value)).get();
        }
    }

    private static void produceInTransaction(String bootstrap, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("round-trip", value));
            producer.commitTransaction();
        }
    }

    private static long segmentBytes(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Long.parseLong(config.get(TopicConfig.SEGMENT_BYTES_CONFIG).value());
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("round-trip", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<String> values = new ArrayList<>();
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
