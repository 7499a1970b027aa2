package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Topics of any Kafka cluster: the list with partitions, replication, retention, size and rate, and the changes
 * (create, change config, add partitions, delete), each with a {@link ChangePreview} first. Blocking calls with
 * Flowdeck's timeouts: run them off the UI thread. One Admin client per service; close it when done.
 */
public final class TopicService implements AutoCloseable {
    /** The configs the list and the config editor show. */
    public static final List<String> EDITABLE_CONFIGS = List.of("retention.ms", "retention.bytes", "cleanup.policy",
            "min.insync.replicas", "max.message.bytes", "segment.ms");

    private final Admin admin;
    private final Map<String, String> roles;
    private final TopicRates rates = new TopicRates(60);

    /**
     * @param roles topics that something depends on, with what they are, e.g. "db_live_events" → "the pipeline's
     *              change-event topic": previews of changes to them say so
     */
    /** What a configuration change will do, in words; asks this service about the topic's records and replicas. */
    private final ConfigChangeText changeText = new ConfigChangeText(this::recordsOlderThan, this::replicationFactor);

    public TopicService(KafkaSettings kafka, Map<String, String> roles) {
        this.admin = KafkaClients.createAdmin(kafka, "flowdeck-admin-topics");
        this.roles = Map.copyOf(roles);
    }

    public TopicService(KafkaSettings kafka) {
        this(kafka, Map.of());
    }

    public TopicRates rates() {
        return rates;
    }

    public int brokerCount() {
        return KafkaCalls.await(admin.describeCluster().nodes(), "cannot describe the cluster").size();
    }

    public List<String> names(boolean includeInternal) {
        return KafkaCalls.await(admin.listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(),
                "cannot list topics").stream().sorted().toList();
    }

    /** Every topic with its numbers; each call also feeds the messages/s rate. */
    public List<TopicSummary> list(boolean includeInternal) {
        Collection<TopicListing> listings = KafkaCalls.await(
                admin.listTopics(new ListTopicsOptions().listInternal(includeInternal)).listings(), "cannot list topics");
        if (listings.isEmpty()) {
            rates.retainOnly(List.of());
            return List.of();
        }
        List<String> names = listings.stream().map(TopicListing::name).sorted().toList();
        Map<String, TopicDescription> descriptions = KafkaCalls.await(admin.describeTopics(names).allTopicNames(),
                "cannot describe topics");
        Map<String, Config> configs = topicConfigs(names);
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<String, Long> sizes = sizes();
        long now = System.currentTimeMillis();
        List<TopicSummary> out = new ArrayList<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            if (d == null) {
                continue;
            }
            long records = 0;
            long endSum = 0;
            for (var p : d.partitions()) {
                TopicPartition tp = new TopicPartition(name, p.partition());
                long end = ends.getOrDefault(tp, -1L);
                long start = starts.getOrDefault(tp, -1L);
                if (end >= 0) {
                    endSum += end;
                    records += start >= 0 ? end - start : 0;
                }
            }
            double rate = rates.observe(name, endSum, now);
            Config c = configs.get(name);
            int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            out.add(new TopicSummary(name, d.isInternal(), d.partitions().size(), rf,
                    longConfig(c, "retention.ms", -1), stringConfig(c, "cleanup.policy", "delete"),
                    sizes.getOrDefault(name, -1L), records, rate, rates.history(name)));
        }
        rates.retainOnly(names);
        return out;
    }

    /** The topic's current values of {@link #EDITABLE_CONFIGS}, and whether each is the default. */
    public Map<String, ConfigEntry> configOf(String topic) {
        Map<String, ConfigEntry> all = allConfigsOf(topic);
        Map<String, ConfigEntry> out = new LinkedHashMap<>();
        for (String key : EDITABLE_CONFIGS) {
            ConfigEntry e = all.get(key);
            if (e != null) {
                out.put(key, e);
            }
        }
        return out;
    }

    /** Every configuration of the topic, by name: any of them can be changed with {@link #previewConfigChange}. */
    public Map<String, ConfigEntry> allConfigsOf(String topic) {
        Config c = topicConfigs(List.of(topic)).get(topic);
        if (c == null) {
            throw new AdminException("topic '" + topic + "' does not exist. Refresh the list.");
        }
        Map<String, ConfigEntry> out = new TreeMap<>();
        c.entries().forEach(e -> out.put(e.name(), e));
        return out;
    }

    // ---- create

    public ChangePreview previewCreate(TopicSpec spec) {
        String action = "Create topic '" + spec.name() + "'";
        int brokers = brokerCount();
        List<String> problems = new ArrayList<>(spec.problems(brokers));
        List<String> existing = names(true);
        if (existing.contains(spec.name())) {
            problems.add("a topic named '" + spec.name() + "' already exists");
        }
        List<String> effects = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (problems.isEmpty()) {
            int rf = spec.replicationFactor() > 0 ? spec.replicationFactor() : defaultReplicationFactor(brokers);
            effects.add(Human.plural(spec.partitions(), "partition") + ": up to " + spec.partitions()
                    + " consumers of one group can read it in parallel; records with the same key go to the same partition");
            effects.add("replication factor " + rf + (spec.replicationFactor() > 0 ? "" : " (the cluster's default)")
                    + ": each record is stored on " + Human.plural(rf, "broker"));
            effects.add(spec.retentionMs() == null ? "retention: the cluster's default"
                    : spec.retentionMs() < 0 ? "retention: forever (records are never deleted by age)"
                    : "retention " + Human.duration(spec.retentionMs()) + ": older records are deleted");
            String policy = spec.cleanupPolicy() == null ? "the cluster's default" : spec.cleanupPolicy();
            effects.add("cleanup policy: " + policy + ConfigChangeText.describePolicy(spec.cleanupPolicy()));
            if (rf == 1 && brokers > 1) {
                warnings.add("replication factor 1 on a cluster of " + brokers + " brokers: the topic's data is lost "
                        + "if its broker's disk is");
            }
            String collision = spec.name().replace('.', '_');
            existing.stream().filter(n -> !n.equals(spec.name()) && n.replace('.', '_').equals(collision)).findFirst()
                    .ifPresent(n -> warnings.add("'" + spec.name() + "' and the existing '" + n + "' differ only by '.' "
                            + "and '_': their metric names collide"));
        }
        return new ChangePreview(action, effects, warnings, problems);
    }

    public void create(TopicSpec spec) {
        ChangePreview preview = previewCreate(spec);
        if (!preview.allowed()) {
            throw new AdminException("cannot create topic '" + spec.name() + "': " + String.join("; ", preview.problems()));
        }
        NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()),
                spec.replicationFactor() > 0 ? Optional.of(spec.replicationFactor()) : Optional.empty()).configs(spec.configs());
        KafkaCalls.await(admin.createTopics(List.of(topic)).all(), "cannot create topic '" + spec.name() + "'");
        awaitMetadata(spec.name(), "was created",
                d -> d.isPresent() && d.get().partitions().size() == spec.partitions() && Topics.allLed(d.get()));
    }

    // ---- change config

    /**
     * @param changes config key → new value; a null or blank value returns the key to the cluster's default
     */
    public ChangePreview previewConfigChange(String topic, Map<String, String> changes) {
        String action = "Change the configuration of '" + topic + "'";
        if (changes.isEmpty()) {
            return ChangePreview.blocked(action, "nothing to change: edit a value first");
        }
        Map<String, ConfigEntry> current;
        try {
            current = allConfigsOf(topic);
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        List<String> effects = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (var change : new TreeMap<>(changes).entrySet()) {
            String key = change.getKey();
            String value = change.getValue() == null || change.getValue().isBlank() ? null : change.getValue().trim();
            ConfigEntry before = current.get(key);
            String was = before == null ? "(not set)" : before.value();
            if (before == null) {
                problems.add("'" + key + "' is not a topic configuration name");
                continue;
            }
            if (value != null && value.equals(was)) {
                continue;
            }
            changeText.describe(topic, key, was, value, effects, warnings, problems);
        }
        if (effects.isEmpty() && problems.isEmpty()) {
            problems.add("nothing to change: the values are the current ones");
        }
        roleWarning(topic, warnings);
        return new ChangePreview(action, effects, warnings, problems);
    }

    public void changeConfig(String topic, Map<String, String> changes) {
        ChangePreview preview = previewConfigChange(topic, changes);
        if (!preview.allowed()) {
            throw new AdminException("cannot change '" + topic + "': " + String.join("; ", preview.problems()));
        }
        List<AlterConfigOp> ops = changes.entrySet().stream().map(e -> e.getValue() == null || e.getValue().isBlank()
                ? new AlterConfigOp(new ConfigEntry(e.getKey(), ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue().trim()), AlterConfigOp.OpType.SET)).toList();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        KafkaCalls.await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all(), "cannot change '" + topic + "'");
    }

    // ---- add partitions

    public ChangePreview previewAddPartitions(String topic, int newTotal) {
        String action = "Add partitions to '" + topic + "'";
        TopicDescription d;
        try {
            d = describe(topic);
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        int current = d.partitions().size();
        if (newTotal <= current) {
            return ChangePreview.blocked(action, "the new total (" + newTotal + ") must be larger than the current "
                    + Human.plural(current, "partition") + ": Kafka can add partitions, never remove them");
        }
        if (newTotal > 10_000) {
            return ChangePreview.blocked(action, "more than 10,000 partitions is more than Flowdeck allows");
        }
        int added = newTotal - current;
        List<String> effects = new ArrayList<>();
        effects.add("adds " + Human.plural(added, "partition") + " (" + current + " → " + newTotal + ")");
        effects.add("keys will map to different partitions from now on: new records with a key may land in another "
                + "partition than the same key's older records, so per-key order holds only from now on");
        List<String> groups = groupsReading(topic);
        effects.add(groups.isEmpty() ? "no consumer group has offsets on this topic"
                : "consumer groups reading it rebalance to take the new partitions: " + String.join(", ", groups));
        List<String> warnings = new ArrayList<>();
        warnings.add("this cannot be undone: partitions can never be removed");
        if (policyOf(topic).contains("compact")) {
            warnings.add("the topic is compacted: the latest value of a key may now live in two partitions");
        }
        roleWarning(topic, warnings);
        return new ChangePreview(action, effects, warnings, List.of());
    }

    public void addPartitions(String topic, int newTotal) {
        ChangePreview preview = previewAddPartitions(topic, newTotal);
        if (!preview.allowed()) {
            throw new AdminException("cannot add partitions to '" + topic + "': " + String.join("; ", preview.problems()));
        }
        KafkaCalls.await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(newTotal))).all(),
                "cannot add partitions to '" + topic + "'");
        awaitMetadata(topic, "has " + newTotal + " partitions",
                d -> d.isPresent() && d.get().partitions().size() == newTotal && Topics.allLed(d.get()));
    }

    // ---- delete

    public ChangePreview previewDelete(String topic) {
        String action = "Delete topic '" + topic + "'";
        TopicDescription d;
        try {
            d = describe(topic);
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        if (d.isInternal() || topic.startsWith("__")) {
            return ChangePreview.blocked(action, "'" + topic + "' is an internal topic of Kafka and cannot be deleted");
        }
        List<TopicPartition> tps = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> starts = offsets(tps, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(tps, OffsetSpec.latest());
        long records = tps.stream().mapToLong(tp -> Math.max(0, ends.getOrDefault(tp, 0L) - starts.getOrDefault(tp, 0L))).sum();
        long size = sizes().getOrDefault(topic, -1L);
        List<String> effects = new ArrayList<>();
        effects.add("deletes " + Human.plural(d.partitions().size(), "partition") + " holding about "
                + Human.plural(records, "record") + (size >= 0 ? " (" + Human.bytes(size) + ")" : ""));
        List<String> groups = groupsReading(topic);
        effects.add(groups.isEmpty() ? "no consumer group has offsets on it"
                : "consumer groups with offsets on it lose their place: " + String.join(", ", groups));
        List<String> warnings = new ArrayList<>();
        warnings.add("this cannot be undone: the records are gone for good");
        roleWarning(topic, warnings);
        return new ChangePreview(action, effects, warnings, List.of());
    }

    public void delete(String topic) {
        ChangePreview preview = previewDelete(topic);
        if (!preview.allowed()) {
            throw new AdminException("cannot delete '" + topic + "': " + String.join("; ", preview.problems()));
        }
        KafkaCalls.await(admin.deleteTopics(List.of(topic)).all(), "cannot delete topic '" + topic + "'");
        awaitMetadata(topic, "was deleted", Optional::isEmpty);
    }

    // ---- helpers

    /**
     * The controller has accepted a change to {@code topic}; waits (at most the request timeout) until the brokers show
     * it, so that a list made right after (the page's refresh) has it.
     */
    private void awaitMetadata(String topic, String change, Predicate<Optional<TopicDescription>> shows) {
        try {
            Topics.awaitMetadata(admin, topic, shows, "not yet shown", Duration.ofMillis(KafkaCalls.TIMEOUT_MS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AdminException("'" + topic + "' " + change + ", but the brokers do not show it after "
                    + KafkaCalls.TIMEOUT_MS / 1000 + " s. Refresh in a moment.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("'" + topic + "' " + change + "; waiting for the brokers to show it was cancelled", e);
        }
    }

    private void roleWarning(String topic, List<String> warnings) {
        String role = roles.get(topic);
        if (role != null) {
            warnings.add("'" + topic + "' is " + role);
        }
    }

    private TopicDescription describe(String topic) {
        if (!names(true).contains(topic)) {
            throw new AdminException("topic '" + topic + "' does not exist. Refresh the list.");
        }
        return KafkaCalls.await(admin.describeTopics(List.of(topic)).allTopicNames(), "cannot describe '" + topic + "'")
                .get(topic);
    }

    private int replicationFactor(String topic) {
        TopicDescription d = describe(topic);
        return d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
    }

    private String policyOf(String topic) {
        ConfigEntry e = configOf(topic).get("cleanup.policy");
        return e == null ? "delete" : e.value();
    }

    private int defaultReplicationFactor(int brokers) {
        try {
            Node any = KafkaCalls.await(admin.describeCluster().nodes(), "cannot describe the cluster").iterator().next();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, any.idString());
            Config c = KafkaCalls.await(admin.describeConfigs(List.of(broker)).all(), "cannot read the broker's config").get(broker);
            return (int) longConfig(c, "default.replication.factor", 1);
        } catch (AdminException | java.util.NoSuchElementException e) {
            return Math.min(brokers, 1);
        }
    }

    /** Groups with committed offsets on {@code topic}, asked in one batched request. */
    private List<String> groupsReading(String topic) {
        try {
            List<String> ids = KafkaCalls.await(admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()).all(),
                    "cannot list consumer groups").stream().map(org.apache.kafka.clients.admin.GroupListing::groupId).sorted().toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<String, org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            ids.forEach(id -> specs.put(id, new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec()));
            var result = admin.listConsumerGroupOffsets(specs);
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                var offsets = KafkaCalls.await(result.partitionsToOffsetAndMetadata(id), "cannot read the offsets of group '" + id + "'");
                if (offsets.keySet().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                    out.add(id);
                }
            }
            return out;
        } catch (AdminException e) {
            return List.of("(could not check: " + e.getMessage() + ")");
        }
    }

    private long recordsOlderThan(String topic, long timestamp) {
        TopicDescription d = describe(topic);
        List<TopicPartition> tps = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> starts = offsets(tps, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(tps, OffsetSpec.latest());
        Map<TopicPartition, Long> at = offsets(tps, OffsetSpec.forTimestamp(timestamp));
        long n = 0;
        for (TopicPartition tp : tps) {
            long start = starts.getOrDefault(tp, 0L);
            long firstNewer = at.getOrDefault(tp, -1L);
            long boundary = firstNewer < 0 ? ends.getOrDefault(tp, start) : firstNewer;
            n += Math.max(0, boundary - start);
        }
        return n;
    }

    /** Offsets per partition for a spec; partitions whose leader did not answer are left out. -1 means "none". */
    Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult result = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                out.put(tp, KafkaCalls.await(result.partitionResult(tp), "offsets").offset());
            } catch (AdminException e) {
                // a partition without a leader: its numbers are unknown for now, the rest of the list still shows
            }
        }
        return out;
    }

    private Map<String, Config> topicConfigs(List<String> names) {
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        try {
            Map<ConfigResource, Config> all = KafkaCalls.await(admin.describeConfigs(resources).all(), "cannot read topic configs");
            Map<String, Config> out = new HashMap<>();
            all.forEach((r, c) -> out.put(r.name(), c));
            return out;
        } catch (AdminException e) {
            return Map.of(); // e.g. no DescribeConfigs permission: the list still shows, without these columns
        }
    }

    /** Bytes per topic: for each partition the largest replica (one copy of the data), summed. */
    private Map<String, Long> sizes() {
        try {
            List<Integer> brokers = KafkaCalls.await(admin.describeCluster().nodes(), "cannot describe the cluster")
                    .stream().map(Node::id).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = KafkaCalls.await(admin.describeLogDirs(brokers).allDescriptions(),
                    "cannot describe log dirs");
            Map<TopicPartition, Long> perPartition = new HashMap<>();
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription dir : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                        if (!r.getValue().isFuture()) {
                            perPartition.merge(r.getKey(), r.getValue().size(), Math::max);
                        }
                    }
                }
            }
            Map<String, Long> out = new HashMap<>();
            perPartition.forEach((tp, size) -> out.merge(tp.topic(), size, Long::sum));
            return out;
        } catch (AdminException e) {
            return Map.of(); // DescribeLogDirs needs cluster permissions that hosted services may not grant
        }
    }

    private static long longConfig(Config c, String key, long fallback) {
        ConfigEntry e = c == null ? null : c.get(key);
        return e == null || e.value() == null ? fallback : parseLong(e.value(), fallback);
    }

    private static String stringConfig(Config c, String key, String fallback) {
        ConfigEntry e = c == null ? null : c.get(key);
        return e == null || e.value() == null ? fallback : e.value();
    }

    static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
