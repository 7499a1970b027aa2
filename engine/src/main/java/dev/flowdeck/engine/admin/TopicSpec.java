package dev.flowdeck.engine.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A topic to create.
 *
 * @param replicationFactor -1 for the cluster's default
 * @param retentionMs       null for the cluster's default, -1 for forever
 * @param cleanupPolicy     null for the cluster's default; "delete", "compact" or "compact,delete"
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Long retentionMs, String cleanupPolicy) {
    public static final int MAX_NAME_LENGTH = 249;
    public static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact", "compact,delete");

    public TopicSpec {
        name = name == null ? "" : name.trim();
        cleanupPolicy = cleanupPolicy == null || cleanupPolicy.isBlank() ? null : cleanupPolicy.trim().replace(" ", "");
        if ("delete,compact".equals(cleanupPolicy)) {
            cleanupPolicy = "compact,delete";
        }
    }

    /** Every reason this topic cannot be created on a cluster of {@code brokers} brokers; empty if none. */
    public List<String> problems(int brokers) {
        List<String> out = new ArrayList<>(nameProblems(name));
        if (partitions < 1) {
            out.add("partitions must be at least 1 (got " + partitions + ")");
        } else if (partitions > 10_000) {
            out.add("partitions " + Human.count(partitions) + " is more than Flowdeck allows (10,000): every partition costs "
                    + "file handles and memory on each broker");
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            out.add("replication factor must be at least 1 (got " + replicationFactor + ")");
        } else if (brokers > 0 && replicationFactor > brokers) {
            out.add("replication factor " + replicationFactor + " is larger than the number of brokers (" + brokers
                    + "): each copy needs its own broker. Use at most " + brokers + ".");
        }
        if (retentionMs != null && retentionMs < -1) {
            out.add("retention must be a positive duration or 'forever'");
        }
        if (cleanupPolicy != null && !CLEANUP_POLICIES.contains(cleanupPolicy)) {
            out.add("cleanup policy '" + cleanupPolicy + "' is unknown: use delete, compact or compact,delete");
        }
        return out;
    }

    /** Why {@code name} is not a valid topic name; empty if it is (Kafka's own rules). */
    public static List<String> nameProblems(String name) {
        List<String> out = new ArrayList<>();
        if (name == null || name.isBlank()) {
            out.add("the topic name is empty");
            return out;
        }
        if (name.equals(".") || name.equals("..")) {
            out.add("the topic name cannot be '.' or '..'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            out.add("the topic name is " + name.length() + " characters long; Kafka allows at most " + MAX_NAME_LENGTH);
        }
        StringBuilder bad = new StringBuilder();
        name.chars().filter(c -> !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'))
                .distinct().forEach(c -> bad.append(bad.length() == 0 ? "" : " ").append('\'').appendCodePoint(c).append('\''));
        if (bad.length() > 0) {
            out.add("the topic name contains " + bad + ": use only letters, digits, '.', '_' and '-'");
        }
        return out;
    }

    /** The topic configs this spec sets explicitly. */
    public Map<String, String> configs() {
        Map<String, String> c = new LinkedHashMap<>();
        if (retentionMs != null) {
            c.put("retention.ms", Long.toString(retentionMs));
        }
        if (cleanupPolicy != null) {
            c.put("cleanup.policy", cleanupPolicy);
        }
        return c;
    }
}
