package dev.flowdeck.engine.admin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One reading of a Kafka cluster: its brokers (those the cluster knows as replicas but that did not answer are
 * down) and, per topic partition, the leader, replicas and in-sync replicas.
 *
 * @param controller the active controller's node id (the KRaft quorum leader), -1 if not known
 */
public record ClusterState(String clusterId, int controller, List<Broker> brokers, List<Partition> partitions, long readAtMs) {
    /** @param up false for a node that holds replicas but is not in the cluster's live broker list */
    public record Broker(int id, String host, int port, String rack, boolean controller, boolean up) {
        public String address() {
            return host.isEmpty() ? "-" : host + ":" + port;
        }
    }

    /** @param leader -1 while the partition has none (offline: no replica in sync can take over, or an election is under way) */
    public record Partition(String topic, int partition, int leader, List<Integer> replicas, List<Integer> isr) {
        public boolean offline() {
            return leader < 0;
        }

        /** Led, but not every replica in sync (an offline partition counts as offline only). */
        public boolean underReplicated() {
            return !offline() && isr.size() < replicas.size();
        }

        public String name() {
            return topic + "-" + partition;
        }

        /** The replicas not in sync. */
        public List<Integer> outOfSync() {
            return replicas.stream().filter(r -> !isr.contains(r)).toList();
        }
    }

    public long underReplicatedCount() {
        return partitions.stream().filter(Partition::underReplicated).count();
    }

    public long offlineCount() {
        return partitions.stream().filter(Partition::offline).count();
    }

    public List<Broker> down() {
        return brokers.stream().filter(b -> !b.up()).toList();
    }

    /**
     * Why the cluster is not healthy, in words for the Pipeline page's Kafka card; empty when every broker is up
     * and every partition is led and fully in sync. An offline partition of {@code watchedTopic} is named first:
     * that is what stalls the pipeline.
     */
    public Optional<String> problem(String watchedTopic) {
        String downText = down().stream().map(b -> "broker " + b.id()).collect(Collectors.joining(", "));
        String why = downText.isEmpty() ? "" : ": " + downText + " down";
        Optional<Partition> offline = partitions.stream().filter(Partition::offline)
                .min((a, b) -> Boolean.compare(!a.topic().equals(watchedTopic), !b.topic().equals(watchedTopic)));
        if (offline.isPresent()) {
            long more = offlineCount() - 1;
            return Optional.of("leader of " + offline.get().name() + " moving" + why
                    + (more > 0 ? " (" + more + " more partition" + (more == 1 ? "" : "s") + " without a leader)" : ""));
        }
        long under = underReplicatedCount();
        if (under > 0) {
            return Optional.of(under + " partition" + (under == 1 ? "" : "s") + " under-replicated" + why);
        }
        if (!downText.isEmpty()) {
            return Optional.of(downText + " down");
        }
        return Optional.empty();
    }
}
