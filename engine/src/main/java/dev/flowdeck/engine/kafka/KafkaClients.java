package dev.flowdeck.engine.kafka;

import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.HashMap;

/**
 * Client configurations with Flowdeck's timeouts: every call to an unreachable cluster ends within seconds with an
 * error, never hangs. The user's client properties (SASL, SSL) come first; Flowdeck adds what they leave out.
 */
public final class KafkaClients {
    public static final int REQUEST_TIMEOUT_MS = 8_000;
    /**
     * The longest a client waits before it asks again for metadata, a coordinator or a connection. When a leader
     * dies, clients keep retrying the dead broker and refreshing metadata until the controller fences it and names
     * new leaders; the default backoff grows to 1 s, so a client learned of the new leader up to a second after the
     * cluster had one. A quarter second costs a few small requests a second during an outage, and nothing otherwise.
     */
    public static final int FAILOVER_BACKOFF_MAX_MS = 250;

    private KafkaClients() {
    }

    public static Map<String, Object> admin(KafkaSettings kafka) {
        Map<String, Object> c = base(kafka);
        c.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        return c;
    }

    public static Admin createAdmin(KafkaSettings kafka, String clientId) {
        Map<String, Object> c = admin(kafka);
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return Admin.create(c);
    }

    /** A transactional producer tuned for CDC batches: acks=all, idempotent, lz4. */
    public static Map<String, Object> transactionalProducer(KafkaSettings kafka, String transactionalId) {
        Map<String, Object> c = base(kafka);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        // One request in flight per partition: a retried first batch can never be overtaken by a later one (the
        // KAFKA-15591 family of reorderings), and a batch holds up to 256 KB, so loopback throughput stays high.
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Right after a commit the next transaction's first produce may get CONCURRENT_TRANSACTIONS while the
        // markers are written: retry in milliseconds, not the default 100 ms, or it shows up in the latency.
        c.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return c;
    }

    /** A consumer that sees committed records only, with no group (assign + seek). */
    public static Map<String, Object> committedReader(KafkaSettings kafka, String clientId) {
        Map<String, Object> c = base(kafka);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        c.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        return c;
    }

    /** A consumer in a group, committed records only. */
    public static Map<String, Object> groupReader(KafkaSettings kafka, String groupId, String clientId) {
        Map<String, Object> c = committedReader(kafka, clientId);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return c;
    }

    private static Map<String, Object> base(KafkaSettings kafka) {
        Map<String, Object> c = new HashMap<>(kafka.clientConfig());
        c.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 5_000);
        c.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 5_000);
        failoverBackoff(c);
        return c;
    }

    /** Puts the {@link #FAILOVER_BACKOFF_MAX_MS} backoffs into a client configuration that does not set them. */
    public static void failoverBackoff(Map<? super String, Object> c) {
        c.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, FAILOVER_BACKOFF_MAX_MS);
        c.putIfAbsent(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, FAILOVER_BACKOFF_MAX_MS);
    }
}
