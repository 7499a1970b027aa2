package dev.flowdeck.engine.admin;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.ToLongBiFunction;

/**
 * What a change to a topic's configuration will do, in the words of the change preview: the effects, the warnings
 * (allowed, but think twice) and the problems (refused). Facts about the topic's data come from the service.
 */
final class ConfigChangeText {
    private final ToLongBiFunction<String, Long> recordsOlderThan;
    private final ToIntFunction<String> replicationFactor;

    /**
     * @param recordsOlderThan (topic, epoch ms) → about how many records are older
     * @param replicationFactor topic → its replication factor
     */
    ConfigChangeText(ToLongBiFunction<String, Long> recordsOlderThan, ToIntFunction<String> replicationFactor) {
        this.recordsOlderThan = recordsOlderThan;
        this.replicationFactor = replicationFactor;
    }

    /** Adds what changing {@code key} from {@code was} to {@code value} (null: the cluster's default) does. */
    void describe(String topic, String key, String was, String value, List<String> effects, List<String> warnings,
                  List<String> problems) {
        switch (key) {
            case "retention.ms" -> describeRetentionChange(topic, was, value, effects, warnings, problems);
            case "cleanup.policy" -> describePolicyChange(was, value, effects, warnings, problems);
            case "retention.bytes" -> describeRetentionBytes(was, value, effects, problems);
            case "min.insync.replicas" -> describeMinIsr(topic, value, effects, warnings, problems);
            default -> effects.add(key + ": " + was + " → " + (value == null ? "the cluster's default" : value));
        }
    }

    private void describeRetentionChange(String topic, String was, String value, List<String> effects,
                                         List<String> warnings, List<String> problems) {
        long before = TopicService.parseLong(was, -1);
        long after;
        if (value == null) {
            effects.add("retention: " + Human.duration(before) + " → the cluster's default");
            return;
        }
        try {
            after = Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add("retention.ms '" + value + "' is not a number of milliseconds (use -1 for forever)");
            return;
        }
        if (after < -1) {
            problems.add("retention.ms must be -1 (forever) or a positive number of milliseconds");
            return;
        }
        effects.add("retention: " + Human.duration(before) + " → " + Human.duration(after));
        if (after >= 0 && (before < 0 || after < before)) {
            long older = recordsOlderThan.applyAsLong(topic, System.currentTimeMillis() - after);
            effects.add(older > 0
                    ? "about " + Human.plural(older, "record") + " are older than " + Human.duration(after)
                    + " and will be deleted at the broker's next retention check (whole segments only)"
                    : "no record is older than " + Human.duration(after) + " yet: nothing is deleted now");
            if (older > 0) {
                warnings.add("deleted records cannot be recovered; consumers that are behind will skip them");
            }
        } else {
            effects.add("records are kept longer from now on; the topic uses more disk");
        }
    }

    private static void describePolicyChange(String was, String value, List<String> effects, List<String> warnings,
                                             List<String> problems) {
        String after = value == null ? "delete" : value.replace(" ", "");
        if ("delete,compact".equals(after)) {
            after = "compact,delete";
        }
        if (!TopicSpec.CLEANUP_POLICIES.contains(after)) {
            problems.add("cleanup policy '" + value + "' is unknown: use delete, compact or compact,delete");
            return;
        }
        effects.add("cleanup policy: " + was + " → " + after + describePolicy(after));
        if (after.contains("compact") && !was.contains("compact")) {
            warnings.add("from now on the broker rejects records without a key, and older records with the same key "
                    + "disappear after compaction");
        }
        if (!after.contains("compact") && was.contains("compact")) {
            warnings.add("compaction stops: every record is kept until retention deletes it by age or size");
        }
    }

    private static void describeRetentionBytes(String was, String value, List<String> effects, List<String> problems) {
        if (value == null) {
            effects.add("retention.bytes: " + was + " → the cluster's default");
            return;
        }
        long after = TopicService.parseLong(value, Long.MIN_VALUE);
        if (after < -1) {
            problems.add("retention.bytes '" + value + "' must be -1 (no limit) or a number of bytes");
            return;
        }
        effects.add("retention by size per partition: " + (TopicService.parseLong(was, -1) < 0 ? "no limit" : Human.bytes(TopicService.parseLong(was, -1)))
                + " → " + (after < 0 ? "no limit" : Human.bytes(after) + ": the oldest segments beyond this are deleted"));
    }

    private void describeMinIsr(String topic, String value, List<String> effects, List<String> warnings, List<String> problems) {
        if (value == null) {
            effects.add("min.insync.replicas → the cluster's default");
            return;
        }
        long n = TopicService.parseLong(value, -1);
        if (n < 1) {
            problems.add("min.insync.replicas '" + value + "' must be a number of at least 1");
            return;
        }
        int rf = replicationFactor.applyAsInt(topic);
        if (n > rf) {
            problems.add("min.insync.replicas " + n + " is more than the topic's replication factor (" + rf
                    + "): producers with acks=all could never write");
            return;
        }
        effects.add("min.insync.replicas → " + n + ": a write with acks=all needs " + Human.plural(n, "replica") + " in sync");
        if (n == rf && rf > 1) {
            warnings.add("equal to the replication factor: one broker down stops acks=all producers");
        }
    }

    static String describePolicy(String policy) {
        if (policy == null) {
            return "";
        }
        return switch (policy) {
            case "compact" -> " (the latest record per key is kept forever; older ones with the same key are removed)";
            case "compact,delete" -> " (compacted per key, and deleted by age or size as well)";
            default -> " (records are deleted by age or size)";
        };
    }
}
