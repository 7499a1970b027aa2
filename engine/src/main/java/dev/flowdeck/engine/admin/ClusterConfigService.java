package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every configuration of a broker or a topic, with where its value comes from, and changes to any of them with a
 * preview first. The preview asks the brokers to validate the change without applying it ({@code validateOnly}), so
 * what it promises is what the cluster would accept. Blocking: run off the UI thread.
 */
public final class ClusterConfigService implements AutoCloseable {
    private final Admin admin;

    public ClusterConfigService(KafkaSettings kafka) {
        this.admin = KafkaClients.createAdmin(kafka, "flowdeck-admin-configs");
    }

    /** The brokers' ids, lowest first. */
    public List<Integer> brokers() {
        Collection<Node> nodes = KafkaCalls.await(admin.describeCluster().nodes(), "cannot list the brokers");
        return nodes.stream().map(Node::id).sorted().toList();
    }

    /** Every configuration of broker {@code id}, by name. */
    public List<ConfigValue> brokerConfigs(int id) {
        return configs(broker(id));
    }

    /** Every configuration of a topic, by name. */
    public List<ConfigValue> topicConfigs(String topic) {
        return configs(topic(topic));
    }

    public ChangePreview previewBrokerChange(int id, Map<String, String> changes) {
        return preview("Change the configuration of broker " + id, broker(id), changes);
    }

    public void changeBroker(int id, Map<String, String> changes) {
        apply(broker(id), changes, "broker " + id);
    }

    public ChangePreview previewTopicChange(String topic, Map<String, String> changes) {
        return preview("Change the configuration of '" + topic + "'", topic(topic), changes);
    }

    public void changeTopic(String topic, Map<String, String> changes) {
        apply(topic(topic), changes, "'" + topic + "'");
    }

    private static ConfigResource broker(int id) {
        return new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id));
    }

    private static ConfigResource topic(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    private List<ConfigValue> configs(ConfigResource resource) {
        Map<ConfigResource, Config> all = KafkaCalls.await(admin.describeConfigs(List.of(resource),
                new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true)).all(), "cannot read the configuration of " + what(resource));
        Config c = all.get(resource);
        List<ConfigValue> out = new ArrayList<>();
        for (ConfigEntry e : c.entries()) {
            out.add(new ConfigValue(e.name(), e.isSensitive() ? "********" : e.value(), source(e.source()), e.isReadOnly(),
                    e.isSensitive(), e.isSensitive() ? null : defaultOf(e), plainText(e.documentation())));
        }
        out.sort(Comparator.comparing(ConfigValue::name));
        return out;
    }

    /** The value Kafka falls back to without any override: the synonym whose source is the built-in default. */
    private static String defaultOf(ConfigEntry e) {
        if (e.source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG) {
            return e.value();
        }
        return e.synonyms().stream().filter(s -> s.source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                .map(ConfigEntry.ConfigSynonym::value).findFirst().orElse(null);
    }

    /** Kafka writes its config documentation as HTML fragments (e.g. {@code <code>name</code>}): shown as text. */
    static String plainText(String html) {
        return html == null ? "" : html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&").replaceAll("\\)\\.(?=[A-Z])", "). ").strip();
    }

    /** Kafka's source, in the words the console shows. */
    static String source(ConfigEntry.ConfigSource s) {
        return switch (s) {
            case DEFAULT_CONFIG -> "default";
            case STATIC_BROKER_CONFIG -> "static";
            case DYNAMIC_BROKER_CONFIG -> "dynamic (this broker)";
            case DYNAMIC_DEFAULT_BROKER_CONFIG -> "dynamic (all brokers)";
            case DYNAMIC_BROKER_LOGGER_CONFIG -> "dynamic (logger)";
            case DYNAMIC_TOPIC_CONFIG -> "dynamic (this topic)";
            case DYNAMIC_CLIENT_METRICS_CONFIG, DYNAMIC_GROUP_CONFIG -> "dynamic";
            default -> "unknown";
        };
    }

    /** @param changes name → new value; a null or blank value removes the override (back to static or default) */
    private ChangePreview preview(String action, ConfigResource resource, Map<String, String> changes) {
        if (changes.isEmpty()) {
            return ChangePreview.blocked(action, "nothing to change: edit a value first");
        }
        Map<String, ConfigValue> current = new TreeMap<>();
        try {
            configs(resource).forEach(v -> current.put(v.name(), v));
        } catch (AdminException e) {
            return ChangePreview.blocked(action, e.getMessage());
        }
        List<String> effects = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (var change : new TreeMap<>(changes).entrySet()) {
            String name = change.getKey();
            String value = blank(change.getValue()) ? null : change.getValue().strip();
            ConfigValue before = current.get(name);
            if (before == null) {
                problems.add("'" + name + "' is not a configuration of " + what(resource) + suggestion(name, current.keySet()));
                continue;
            }
            if (before.readOnly()) {
                problems.add(name + " is read-only at run time: change it in server.properties and restart the broker");
                continue;
            }
            if (value != null && value.equals(before.value())) {
                continue;
            }
            String was = (before.value() == null ? "(not set)" : before.value()) + " (" + before.source() + ")";
            effects.add(name + ": " + was + " → " + (value == null ? "the static or default value" : value));
            if (resource.type() == ConfigResource.Type.BROKER) {
                warnings.add(name + " changes at once on the running broker, and is kept across restarts (stored in the cluster metadata)");
            }
        }
        if (effects.isEmpty() && problems.isEmpty()) {
            problems.add("nothing to change: the values are the current ones");
        }
        if (problems.isEmpty()) {
            try {
                KafkaCalls.await(admin.incrementalAlterConfigs(Map.of(resource, ops(changes)),
                        new AlterConfigsOptions().validateOnly(true)).all(), "the brokers refuse the change");
            } catch (AdminException e) {
                problems.add(e.getMessage());
            }
        }
        return new ChangePreview(action, effects, warnings.stream().distinct().toList(), problems);
    }

    private void apply(ConfigResource resource, Map<String, String> changes, String what) {
        ChangePreview preview = preview("", resource, changes);
        if (!preview.allowed()) {
            throw new AdminException("cannot change " + what + ": " + String.join("; ", preview.problems()));
        }
        KafkaCalls.await(admin.incrementalAlterConfigs(Map.of(resource, ops(changes))).all(), "cannot change " + what);
        awaitShown(resource, changes, what);
    }

    /**
     * Returns once describing the resource shows the change, so a refreshed list has it: the controller accepts a
     * change before the brokers apply it, and nothing notifies a client.
     */
    private void awaitShown(ConfigResource resource, Map<String, String> changes, String what) {
        long deadline = System.nanoTime() + KafkaCalls.TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, ConfigValue> now = new TreeMap<>();
            configs(resource).forEach(v -> now.put(v.name(), v));
            boolean shown = changes.entrySet().stream().allMatch(e -> {
                ConfigValue v = now.get(e.getKey());
                return v != null && (blank(e.getValue()) ? !v.source().equals(source(resource.type() == ConfigResource.Type.BROKER
                        ? ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG : ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG))
                        : v.sensitive() || e.getValue().strip().equals(v.value()));
            });
            if (shown) {
                return;
            }
            try {
                Thread.sleep(50); // polling a remote state with no push notification; bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AdminException("the change to " + what + " was accepted but the brokers did not show it within "
                + KafkaCalls.TIMEOUT_MS / 1000 + " s: refresh later");
    }

    private static List<AlterConfigOp> ops(Map<String, String> changes) {
        return changes.entrySet().stream().map(e -> blank(e.getValue())
                ? new AlterConfigOp(new ConfigEntry(e.getKey(), ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue().strip()), AlterConfigOp.OpType.SET)).toList();
    }

    private static String suggestion(String name, Collection<String> names) {
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return names.stream().filter(n -> n.startsWith(stem)).findFirst().map(n -> " (did you mean " + n + "?)").orElse("");
    }

    private static String what(ConfigResource r) {
        return r.type() == ConfigResource.Type.BROKER ? "broker " + r.name() : "topic '" + r.name() + "'";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() {
        admin.close();
    }
}
