package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.DeliveryResult;
import dev.flowdeck.engine.topology.Link;
import dev.flowdeck.engine.topology.LinkKind;
import dev.flowdeck.engine.topology.Role;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologyLayout;

import java.util.List;

/**
 * What the graph canvases draw, prepared off the FX thread: positions, and links and clients sorted into a few
 * style buckets (kind × traffic level), so a frame strokes one path per bucket instead of styling 35,000 lines one
 * by one. Traffic levels use one scale for both topologies: the same shade means the same traffic.
 */
public final class GraphPicture {
    /** Link groups, drawn in this order (thin, plentiful ones first). */
    public enum LinkGroup {
        ACCESS, PEER, DIRECT, CORE
    }

    /** Traffic or load levels: 0 = idle, then low / medium / high relative to the busiest of its kind. */
    public static final int LEVELS = 4;

    private final Topology topology;
    private final float[] x;
    private final float[] y;
    private final int[] linkA;
    private final int[] linkB;
    private final View flat;
    private final View hybrid;

    /** One topology's traffic and load, bucketed. */
    public static final class View {
        private final int[][] linkBuckets;
        private final byte[] clientLevel;
        private final DeliveryResult result;

        private View(int[][] linkBuckets, byte[] clientLevel, DeliveryResult result) {
            this.linkBuckets = linkBuckets;
            this.clientLevel = clientLevel;
            this.result = result;
        }

        /** Link indices of one group at one traffic level. */
        public int[] links(LinkGroup group, int level) {
            return linkBuckets[group.ordinal() * LEVELS + level];
        }

        /** 0..LEVELS-1: how much the client uploads as a peer. */
        public int clientLevel(int node) {
            return clientLevel[node];
        }

        /** Utilisation of the node's upload capacity. */
        public double load(int node) {
            return result.load(node);
        }

        public long served(int node) {
            return result.served(node);
        }
    }

    private GraphPicture(Topology topology, float[] x, float[] y, int[] linkA, int[] linkB, View flat, View hybrid) {
        this.topology = topology;
        this.x = x;
        this.y = y;
        this.linkA = linkA;
        this.linkB = linkB;
        this.flat = flat;
        this.hybrid = hybrid;
    }

    public static GraphPicture of(DeliveryComparison comparison, TopologyLayout layout) {
        Topology t = comparison.topology();
        int n = t.nodeCount();
        float[] x = new float[n];
        float[] y = new float[n];
        for (int v = 0; v < n; v++) {
            x[v] = (float) layout.x(v);
            y[v] = (float) layout.y(v);
        }
        List<Link> links = t.links();
        int[] a = new int[links.size()];
        int[] b = new int[links.size()];
        double[] maxOfGroup = new double[LinkGroup.values().length];
        for (Link l : links) {
            a[l.index()] = l.a();
            b[l.index()] = l.b();
            int g = group(l.kind()).ordinal();
            maxOfGroup[g] = Math.max(maxOfGroup[g], Math.max(comparison.flat().linkUtilisation(l.index()),
                    comparison.hybrid().linkUtilisation(l.index())));
        }
        double maxClientLoad = 0;
        for (int v = t.firstClient(); v < n; v++) {
            maxClientLoad = Math.max(maxClientLoad, comparison.hybrid().load(v));
        }
        return new GraphPicture(t, x, y, a, b, view(t, comparison.flat(), maxOfGroup, maxClientLoad, false),
                view(t, comparison.hybrid(), maxOfGroup, maxClientLoad, true));
    }

    private static View view(Topology t, DeliveryResult result, double[] maxOfGroup, double maxClientLoad, boolean hybrid) {
        List<Link> links = t.links();
        int buckets = LinkGroup.values().length * LEVELS;
        int[] counts = new int[buckets];
        int[] bucketOf = new int[links.size()];
        for (Link l : links) {
            int bucket = -1;
            if (hybrid || l.kind() != LinkKind.PEER) {
                int g = group(l.kind()).ordinal();
                int level = level(result.linkUtilisation(l.index()), maxOfGroup[g]);
                // Unused Internet links would only clutter the picture: draw them when they carry traffic.
                bucket = l.kind() == LinkKind.DIRECT && level == 0 ? -1 : g * LEVELS + level;
            }
            bucketOf[l.index()] = bucket;
            if (bucket >= 0) {
                counts[bucket]++;
            }
        }
        int[][] lists = new int[buckets][];
        for (int i = 0; i < buckets; i++) {
            lists[i] = new int[counts[i]];
        }
        int[] fill = new int[buckets];
        for (int i = 0; i < links.size(); i++) {
            int bucket = bucketOf[i];
            if (bucket >= 0) {
                lists[bucket][fill[bucket]++] = i;
            }
        }
        byte[] clientLevel = new byte[t.nodeCount()];
        for (int v = t.firstClient(); v < t.nodeCount(); v++) {
            clientLevel[v] = (byte) level(result.load(v), maxClientLoad);
        }
        return new View(lists, clientLevel, result);
    }

    static LinkGroup group(LinkKind kind) {
        return switch (kind) {
            case BACKBONE, EDGE_MESH -> LinkGroup.CORE;
            case ACCESS -> LinkGroup.ACCESS;
            case DIRECT -> LinkGroup.DIRECT;
            case PEER -> LinkGroup.PEER;
        };
    }

    /** 0 idle; 1 up to a tenth of the maximum; 2 up to 40 %; 3 above. */
    static int level(double value, double max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        double share = value / max;
        return share <= 0.1 ? 1 : share <= 0.4 ? 2 : 3;
    }

    public Topology topology() {
        return topology;
    }

    public View view(boolean hybridTopology) {
        return hybridTopology ? hybrid : flat;
    }

    public int nodeCount() {
        return x.length;
    }

    public float x(int node) {
        return x[node];
    }

    public float y(int node) {
        return y[node];
    }

    public int linkA(int link) {
        return linkA[link];
    }

    public int linkB(int link) {
        return linkB[link];
    }

    public Role role(int node) {
        return topology.role(node);
    }

    /**
     * The node under a world position: a server within {@code serverRadius} (they are drawn larger and sit among
     * their clients, so they win), else the nearest client within {@code clientRadius}; -1 if none.
     */
    public int nodeNear(double worldX, double worldY, double clientRadius, double serverRadius) {
        int best = nearest(worldX, worldY, 0, topology.serverCount(), serverRadius);
        return best >= 0 ? best : nearest(worldX, worldY, topology.firstClient(), x.length, clientRadius);
    }

    private int nearest(double worldX, double worldY, int from, int to, double radius) {
        int best = -1;
        double bestDistance = radius * radius;
        for (int v = from; v < to; v++) {
            double dx = x[v] - worldX;
            double dy = y[v] - worldY;
            double d = dx * dx + dy * dy;
            if (d <= bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        return best;
    }
}
