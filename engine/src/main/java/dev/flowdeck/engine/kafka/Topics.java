package dev.flowdeck.engine.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Creates topics through AdminClient (never assumes them) and waits until every partition's leader serves it.
 *
 * <p>The wait matters: a producer that writes to a partition whose leader has not yet applied the topic's creation
 * can lose its first batch (KAFKA-15591, fixed only in Kafka 4.5). A ListOffsets answer from every partition's
 * leader shows that the leader holds the partition, so no produce is sent too early.
 */
public final class Topics {
    private static final Logger log = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /**
     * How a topic is replicated when nobody set it: on a cluster of three or more brokers 3 copies of which 2 must
     * acknowledge a write (one broker may fail with nothing lost and writes going on); on smaller ones a copy per
     * broker.
     */
    public record Replication(short factor, int minInsync) {
        public static Replication forBrokers(int brokers) {
            return brokers >= 3 ? new Replication((short) 3, 2) : new Replication((short) Math.max(1, brokers), 1);
        }

        /** The topic configs with {@code min.insync.replicas} added where it matters and was not set. */
        public Map<String, String> withMinInsync(Map<String, String> configs) {
            if (minInsync <= 1 || configs.containsKey(MIN_INSYNC)) {
                return configs;
            }
            Map<String, String> out = new java.util.HashMap<>(configs);
            out.put(MIN_INSYNC, Integer.toString(minInsync));
            return out;
        }
    }

    public static final String MIN_INSYNC = "min.insync.replicas";

    /** The replication a new topic gets on this cluster when its factor is not set ({@link Replication#forBrokers}). */
    public static Replication replication(Admin admin, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return Replication.forBrokers(admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size());
    }

    /**
     * Creates the topic if missing, then waits until all its partitions are served.
     *
     * @param replicationFactor -1 to choose from the cluster's size ({@link Replication#forBrokers})
     * @return the topic's partition count (the existing one if it was there already)
     */
    public static int ensure(Admin admin, String topic, int partitions, short replicationFactor, Map<String, String> configs,
                             Duration timeout) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Optional<TopicDescription> existing = describe(admin, topic, timeout);
        if (existing.isEmpty()) {
            Map<String, String> settings = configs;
            short factor = replicationFactor;
            if (factor <= 0) {
                Replication r = replication(admin, timeout);
                factor = r.factor();
                settings = r.withMinInsync(configs);
            }
            NewTopic spec = new NewTopic(topic, Optional.of(partitions), Optional.of(factor)).configs(settings);
            try {
                admin.createTopics(List.of(spec)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("created topic {} with {} partitions, replication factor {}{}", topic, partitions, factor,
                        settings.containsKey(MIN_INSYNC) ? ", min.insync.replicas " + settings.get(MIN_INSYNC) : "");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return awaitServed(admin, topic, timeout);
    }

    /** A topic to make if missing: its name, partitions and configs (replication chosen from the cluster's size). */
    public record Spec(String name, int partitions, Map<String, String> configs) {
    }

    /**
     * {@link #ensure} for several topics at once: one describe, one create request for all that are missing (the
     * controller makes them together, not one after the other), then waits until each is served.
     */
    public static void ensureAll(Admin admin, List<Spec> topics, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> described =
                admin.describeTopics(topics.stream().map(Spec::name).toList()).topicNameValues();
        List<Spec> missing = new java.util.ArrayList<>();
        for (Spec t : topics) {
            try {
                described.get(t.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            Replication r = replication(admin, timeout);
            var result = admin.createTopics(missing.stream().map(t -> new NewTopic(t.name(), Optional.of(t.partitions()),
                    Optional.of(r.factor())).configs(r.withMinInsync(t.configs()))).toList());
            for (Spec t : missing) {
                try {
                    result.values().get(t.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("created topic {} with {} partitions, replication factor {}", t.name(), t.partitions(), r.factor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        for (Spec t : topics) {
            awaitServed(admin, t.name(), timeout);
        }
    }

    /**
     * Sets the retention configs of a topic Flowdeck made to {@code wanted} where they differ (see
     * {@code RetentionSettings.topicConfigs()}): a topic created under an older setting is not left keeping more than
     * the user now asks for.
     */
    public static void alignRetention(Admin admin, String topic, Map<String, String> wanted, Duration timeout) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            List<AlterConfigOp> changes = new ArrayList<>();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                ConfigEntry current = config == null ? null : config.get(e.getKey());
                if (current == null || !e.getValue().equals(current.value())) {
                    changes.add(new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET));
                    log.info("topic {}: {} {} -> {}", topic, e.getKey(), current == null ? "?" : current.value(), e.getValue());
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // e.g. no AlterConfigs permission on a shared cluster: the topic keeps its own retention, nothing breaks
            log.warn("could not set the retention of topic {} to {}: {}", topic, wanted, e.getMessage());
        }
    }

    /** Waits until every partition of {@code topic} has a leader that answers ListOffsets. */
    public static int awaitServed(Admin admin, String topic, Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        return awaitMetadata(admin, topic, d -> d.isPresent() && allLed(d.get()) && answersListOffsets(admin, d.get(), timeout),
                "has partitions without a serving leader", timeout).orElseThrow().partitions().size();
    }

    /**
     * Polls the brokers' metadata until {@code shows} holds for the topic's description (empty while no broker lists
     * it). A change the controller has accepted reaches the brokers asynchronously and nothing notifies a client.
     *
     * @param notYet how the state reads while {@code shows} does not hold, for the timeout's message
     */
    public static Optional<TopicDescription> awaitMetadata(Admin admin, String topic, Predicate<Optional<TopicDescription>> shows,
                                                          String notYet, Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutionException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<TopicDescription> d = describe(admin, topic, timeout);
                if (shows.test(d)) {
                    return d;
                }
            } catch (ExecutionException e) {
                last = e; // leader election or metadata propagation in progress
            }
            Thread.sleep(50); // polling a remote state with no push notification; bounded by the deadline
        }
        throw new java.util.concurrent.TimeoutException("topic " + topic + " " + notYet + " after " + timeout.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getCause().getMessage()));
    }

    /** Every partition has a leader. */
    public static boolean allLed(TopicDescription d) {
        return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static boolean answersListOffsets(Admin admin, TopicDescription d, Duration timeout) {
        Map<TopicPartition, OffsetSpec> request = d.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(d.name(), p.partition()), p -> OffsetSpec.latest()));
        try {
            admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false; // not served yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the poll's next wait throws
            return false;
        }
    }

    public static Optional<TopicDescription> describe(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, TopicDescription> all = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .contains(topic)
                ? admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                : Map.of();
        return Optional.ofNullable(all.get(topic));
    }

    public static List<TopicPartition> partitionsOf(TopicDescription d) {
        return d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())).collect(Collectors.toList());
    }

}
