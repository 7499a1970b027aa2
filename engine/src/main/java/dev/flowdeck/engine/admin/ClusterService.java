package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the cluster's shape: brokers, the active controller, and every partition's leader, replicas and in-sync
 * replicas (internal topics included: the transaction log and consumer offsets matter in a failover). Blocking:
 * call it from a background task.
 */
public final class ClusterService implements AutoCloseable {
    private static final long TIMEOUT_MS = KafkaClients.REQUEST_TIMEOUT_MS;
    private static final String SESSION_TIMEOUT = "broker.session.timeout.ms";
    private final Admin admin;

    public ClusterService(KafkaSettings kafka) {
        this.admin = KafkaClients.createAdmin(kafka, "flowdeck-cluster");
    }

    public ClusterState read() throws InterruptedException {
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<Node> live = new ArrayList<>(cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            int controller = activeController(cluster);
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, TopicDescription> topics = new TreeMap<>(admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            List<ClusterState.Partition> partitions = new ArrayList<>();
            Set<Integer> replicaIds = new TreeSet<>();
            topics.values().forEach(t -> t.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                    .forEach(p -> {
                        List<Integer> replicas = p.replicas().stream().map(Node::id).toList();
                        replicaIds.addAll(replicas);
                        partitions.add(new ClusterState.Partition(t.name(), p.partition(),
                                p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(), replicas,
                                p.isr().stream().map(Node::id).toList()));
                    }));
            List<ClusterState.Broker> brokers = new ArrayList<>();
            Set<Integer> up = new TreeSet<>();
            for (Node n : live) {
                up.add(n.id());
                brokers.add(new ClusterState.Broker(n.id(), n.host(), n.port(), n.rack() == null ? "" : n.rack(), n.id() == controller, true));
            }
            replicaIds.stream().filter(r -> !up.contains(r))
                    .forEach(r -> brokers.add(new ClusterState.Broker(r, "", 0, "", r == controller, false)));
            brokers.sort(Comparator.comparingInt(ClusterState.Broker::id));
            return new ClusterState(id, controller, List.copyOf(brokers), List.copyOf(partitions), System.currentTimeMillis());
        } catch (ExecutionException e) {
            throw new AdminException("cannot read the cluster: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (TimeoutException e) {
            throw new AdminException("the cluster did not answer within " + TIMEOUT_MS / 1000 + " s", e);
        }
    }

    /**
     * The KRaft quorum's leader is the active controller. A broker's DescribeCluster answer names a random live
     * broker as "controller" under KRaft, so it is only the fallback (e.g. a cluster that refuses the quorum call).
     */
    private int activeController(DescribeClusterResult cluster) throws InterruptedException {
        try {
            return admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            try {
                Node c = cluster.controller().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return c == null ? -1 : c.id();
            } catch (ExecutionException | TimeoutException again) {
                return -1;
            }
        }
    }

    /**
     * The broker's {@code broker.session.timeout.ms}: how long a broker may miss heartbeats before the controller
     * fences it and moves its partitions. Empty if the broker does not say (e.g. the client may not describe configs).
     */
    public OptionalLong sessionTimeoutMs(int brokerId) throws InterruptedException {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
        try {
            ConfigEntry e = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(broker).get(SESSION_TIMEOUT);
            return e == null || e.value() == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(e.value()));
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
