package dev.flowdeck.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gives Kafka's internal compacted topics that an earlier version created in this data folder (with 100 MB segments)
 * the segment size the broker now creates them with. A topic's configuration is fixed when it is created, so the
 * broker setting alone reaches only new data folders. Runs once, in its own thread, after the broker started: the
 * broker answers admin requests only a few seconds after its listeners are bound, and the start must not wait.
 */
final class InternalTopicSegments implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(InternalTopicSegments.class);
    /** Each internal compacted topic and the broker setting that sizes its segments. */
    static final Map<String, String> SETTINGS = Map.of(
            "__transaction_state", "transaction.state.log.segment.bytes",
            "__consumer_offsets", "offsets.topic.segment.bytes",
            "__share_group_state", "share.coordinator.state.topic.segment.bytes");

    private final String bootstrapServers;
    private final Map<String, Long> segmentBytes;

    private InternalTopicSegments(String bootstrapServers, Map<String, Long> segmentBytes) {
        this.bootstrapServers = bootstrapServers;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Starts the alignment if the folder holds internal topics from an earlier start; null if it holds none.
     *
     * @param broker the broker's properties: each topic gets the segment size its setting there says
     */
    static Thread startIfNeeded(String bootstrapServers, Path logDir, Properties broker) {
        Map<String, Long> wanted = new TreeMap<>();
        for (String topic : existing(logDir)) {
            String value = broker.getProperty(SETTINGS.get(topic));
            if (value != null) {
                wanted.put(topic, Long.parseLong(value));
            }
        }
        if (wanted.isEmpty()) {
            return null;
        }
        Thread t = new Thread(new InternalTopicSegments(bootstrapServers, wanted), "flowdeck-kafka-internal-segments");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> existing(Path logDir) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(logDir)) {
            List<String> names = children.map(p -> p.getFileName().toString()).toList();
            for (String topic : SETTINGS.keySet()) {
                if (names.stream().anyMatch(n -> n.startsWith(topic + "-"))) {
                    found.add(topic);
                }
            }
        } catch (IOException e) {
            log.debug("cannot list {}: {}", logDir, e.toString());
        }
        return found;
    }

    @Override
    public void run() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "flowdeck-internal-segments",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Admin admin = Admin.create(config);
        try {
            for (Map.Entry<String, Long> wanted : segmentBytes.entrySet()) {
                String topic = wanted.getKey();
                long bytes = wanted.getValue();
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config current = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                ConfigEntry entry = current.get(TopicConfig.SEGMENT_BYTES_CONFIG);
                if (entry != null && Long.parseLong(entry.value()) == bytes) {
                    continue;
                }
                AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(bytes)),
                        AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get(30, TimeUnit.SECONDS);
                log.info("embedded Kafka: {} now rolls {} MB segments (was {} bytes), so its cleaner can compact it", topic,
                        bytes >> 20, entry == null ? "the default" : entry.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the broker is closing
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn("embedded Kafka: could not set the segment size of its internal topics ({}); they keep theirs", e.toString());
        } finally {
            admin.close(Duration.ofSeconds(2)); // bounded: the broker may be closing
        }
    }
}
