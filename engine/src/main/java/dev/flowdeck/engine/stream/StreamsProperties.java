package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The Kafka Streams configuration the processor runs with. */
public final class StreamsProperties {
    /** Kafka Streams names its threads after the client id: {@code flowdeck-stream-processor-StreamThread-1}, ... */
    public static final String CLIENT_ID = "flowdeck-stream-processor";

    private StreamsProperties() {
    }

    public static Properties of(ProcessorSettings s, KafkaSettings kafka, Path stateDir) {
        Properties p = new Properties();
        kafka.clientConfig().forEach((k, v) -> p.put(k, String.valueOf(v))); // SASL/SSL reach every client
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.effectiveApplicationId());
        p.put(StreamsConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(s.streamThreads()));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(s.commitIntervalMs()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(s.replicationFactor()));
        // The topology builds its stores itself (ProcessorTopology); this covers any store the DSL would add.
        if (s.stateStore() == StateStoreKind.ROCKSDB) {
            p.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class.getName());
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        } else {
            p.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class.getName());
        }
        // A record that is not a change event is logged and skipped (counted in Kafka Streams' dropped-records).
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // Window changelogs keep a day beyond the window retention by default; an hour bounds the restore time.
        p.put("processing.exception.handler.global.enabled", "true"); // the recommended setting (there are no global stores)
        p.put(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A member that vanished without leaving (a crash) keeps its tasks until its session expires; 10 s rather
        // than 45 s keeps that stall well inside the grace period, so the events it held back are not dropped as late.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(KafkaClients.REQUEST_TIMEOUT_MS));
        p.putIfAbsent("socket.connection.setup.timeout.ms", "5000");
        p.putIfAbsent("socket.connection.setup.timeout.max.ms", "5000");
        KafkaClients.failoverBackoff(p); // a failover's new leaders are found within a quarter second
        return p;
    }
}
