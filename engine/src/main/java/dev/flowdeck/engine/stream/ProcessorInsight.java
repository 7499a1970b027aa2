package dev.flowdeck.engine.stream;

import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Processor page shows of one Kafka Streams instance, the way a Flink dashboard shows a job: the topology
 * as a graph, the threads and the tasks each owns with their lag, commit rate and latency, store sizes, restores and
 * rebalances. A snapshot: immutable, made on the processor's worker thread.
 *
 * @param rebalances   how often this instance went into REBALANCING since it started
 * @param storeBytes   bytes of the state folder of this application (RocksDB files; 0 for in-memory stores)
 * @param storeEntries estimated keys in the RocksDB stores (-1: not known, e.g. in-memory stores)
 */
public record ProcessorInsight(String applicationId, String state, Graph topology, List<StreamThread> threads,
                               double commitsPerSecond, double commitLatencyMs, long storeBytes, long storeEntries,
                               List<Restore> restores, int rebalances, List<Instance> instances) {
    public static final ProcessorInsight NONE = new ProcessorInsight("", "NOT_RUNNING", Graph.EMPTY, List.of(), 0, 0, 0, -1,
            List.of(), 0, List.of());

    /**
     * A node of the topology: a source or sink (with its topic), a processor, or a state store. {@code name} is unique
     * in the graph: a store's is prefixed with {@link #STORE_PREFIX}, since a processor and its store often share a name.
     */
    public record Node(String name, Kind kind, int subtopology, String topic) {
        public static final String STORE_PREFIX = "store:";

        public enum Kind { SOURCE, PROCESSOR, SINK, STORE }

        /** The name as Kafka Streams knows it. */
        public String label() {
            return kind == Kind.STORE ? name.substring(STORE_PREFIX.length()) : name;
        }
    }

    public record Edge(String from, String to) {
    }

    /** The topology's nodes and edges; stores are nodes joined to the processors that use them. */
    public record Graph(List<Node> nodes, List<Edge> edges, int subtopologies) {
        public static final Graph EMPTY = new Graph(List.of(), List.of(), 0);

        public static Graph of(TopologyDescription d) {
            List<Node> nodes = new ArrayList<>();
            List<Edge> edges = new ArrayList<>();
            Set<String> stores = new TreeSet<>();
            List<TopologyDescription.Subtopology> subs = d.subtopologies().stream()
                    .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();
            for (TopologyDescription.Subtopology sub : subs) {
                for (TopologyDescription.Node n : sub.nodes()) {
                    if (n instanceof TopologyDescription.Source s) {
                        nodes.add(new Node(n.name(), Node.Kind.SOURCE, sub.id(), s.topicSet() == null ? String.valueOf(s.topicPattern())
                                : String.join(", ", new TreeSet<>(s.topicSet()))));
                    } else if (n instanceof TopologyDescription.Sink s) {
                        nodes.add(new Node(n.name(), Node.Kind.SINK, sub.id(), s.topic() == null ? "(chosen per record)" : s.topic()));
                    } else {
                        nodes.add(new Node(n.name(), Node.Kind.PROCESSOR, sub.id(), ""));
                        if (n instanceof TopologyDescription.Processor p) {
                            for (String store : new TreeSet<>(p.stores())) {
                                if (stores.add(store)) {
                                    nodes.add(new Node(Node.STORE_PREFIX + store, Node.Kind.STORE, sub.id(), ""));
                                }
                                edges.add(new Edge(n.name(), Node.STORE_PREFIX + store));
                            }
                        }
                    }
                    n.successors().stream().map(TopologyDescription.Node::name).sorted().forEach(to -> edges.add(new Edge(n.name(), to)));
                }
            }
            return new Graph(List.copyOf(nodes), List.copyOf(edges), subs.size());
        }

        /** Repartition topics: written by a sink of one subtopology and read by a source of another. */
        public List<String> repartitionTopics() {
            return nodes.stream().filter(n -> n.kind() == Node.Kind.SINK && n.topic().endsWith("-repartition"))
                    .map(Node::topic).distinct().toList();
        }
    }

    /** A stream thread of this instance and the tasks it runs. */
    public record StreamThread(String name, String state, List<Task> tasks) {
    }

    /**
     * A task: its id ({@code subtopology_partition}), the input partitions, and its lag (end offset minus committed
     * offset, summed over its partitions; -1 when not known yet).
     */
    public record Task(String id, boolean active, List<String> partitions, long lag) {
    }

    /** A store partition being (or having been) restored from its changelog. */
    public record Restore(String store, String changelogPartition, long restored, long total, boolean done) {
    }

    /** A member of the application's group: this instance's threads and those of the other workers. */
    public record Instance(String memberId, String clientId, String host, List<String> partitions) {
    }
}
