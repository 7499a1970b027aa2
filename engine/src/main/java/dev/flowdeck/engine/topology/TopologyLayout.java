package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Node positions, identical for the flat and the hybrid topology (so the two pictures line up), seeded and
 * deterministic. A Fruchterman–Reingold force layout (JGraphT {@link FRLayoutAlgorithm2D}, seeded) places a skeleton
 * of the origin, the edge servers and groups of clients (each group hangs off its home edge server); each client then
 * sits in its group's disc on a sunflower (golden-angle) spiral. Laying out the skeleton instead of every client keeps
 * 5,000 nodes well under a second, where force layout of the whole graph took seconds.
 */
public final class TopologyLayout {
    /** Side of the square the layout fills. */
    public static final double SIZE = 1000;
    private static final int MAX_GROUPS = 60;
    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

    private final double[] x;
    private final double[] y;

    private TopologyLayout(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    public static TopologyLayout compute(Topology t) {
        TopologySettings s = t.settings();
        int servers = t.serverCount();
        int edges = servers - 1;
        // Clients by home edge server, chunked into groups of at most groupSize.
        List<List<Integer>> byEdge = new ArrayList<>();
        for (int e = 0; e < servers; e++) {
            byEdge.add(new ArrayList<>());
        }
        for (int k = 0; k < t.clientCount(); k++) {
            int c = t.firstClient() + k;
            byEdge.get(t.homeEdge(c)).add(c);
        }
        int groupSize = Math.max(4, (int) Math.ceil((double) t.clientCount() / MAX_GROUPS));
        List<int[]> groups = new ArrayList<>();
        List<Integer> groupEdge = new ArrayList<>();
        for (int e = 1; e < servers; e++) {
            List<Integer> members = byEdge.get(e);
            for (int from = 0; from < members.size(); from += groupSize) {
                groups.add(members.subList(from, Math.min(members.size(), from + groupSize)).stream().mapToInt(Integer::intValue).toArray());
                groupEdge.add(e);
            }
        }

        Graph<Integer, DefaultEdge> skeleton = GraphTypeBuilder.<Integer, DefaultEdge>undirected()
                .edgeClass(DefaultEdge.class).allowingMultipleEdges(false).allowingSelfLoops(false).buildGraph();
        for (int v = 0; v < servers + groups.size(); v++) {
            skeleton.addVertex(v);
        }
        for (Link l : t.links()) {
            if (l.a() < servers && l.b() < servers) {
                skeleton.addEdge(l.a(), l.b());
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            skeleton.addEdge(servers + g, groupEdge.get(g));
        }

        double centre = SIZE / 2;
        Random rng = new Random(RandomStreams.mix(s.seed() ^ 0x4C41_594FL));
        MapLayoutModel2D<Integer> model = new MapLayoutModel2D<>(Box2D.of(SIZE, SIZE));
        FRLayoutAlgorithm2D<Integer, DefaultEdge> fr = new FRLayoutAlgorithm2D<>(100, 0.6, rng);
        // Start from a radial sketch (regions as sectors) so the force layout converges fast and to the same shape.
        fr.setInitializer(v -> {
            if (v == Topology.ORIGIN) {
                return Point2D.of(centre, centre);
            }
            int edge = v < servers ? v : groupEdge.get(v - servers);
            double sector = 2 * Math.PI * t.region(edge) / s.regions();
            double spread = 2 * Math.PI / s.regions() * 0.6;
            double within = edges <= s.regions() ? 0 : ((edge - 1) % s.edgesPerRegion() + 0.5) / s.edgesPerRegion() - 0.5;
            double angle = sector + spread * within + (v < servers ? 0 : (rng.nextDouble() - 0.5) * spread / s.edgesPerRegion());
            double radius = v < servers ? SIZE * 0.22 : SIZE * (0.34 + 0.1 * rng.nextDouble());
            return Point2D.of(centre + radius * Math.cos(angle), centre + radius * Math.sin(angle));
        });
        model.put(Topology.ORIGIN, Point2D.of(centre, centre));
        model.setFixed(Topology.ORIGIN, true);
        fr.layout(skeleton, model);

        int n = t.nodeCount();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int v = 0; v < servers; v++) {
            Point2D p = model.get(v);
            x[v] = p.getX();
            y[v] = p.getY();
        }
        double optimal = 0.6 * Math.sqrt(SIZE * SIZE / skeleton.vertexSet().size());
        double discRadius = 0.45 * optimal;
        for (int g = 0; g < groups.size(); g++) {
            Point2D p = model.get(servers + g);
            int[] members = groups.get(g);
            double spacing = discRadius / Math.sqrt(members.length);
            double turn = rng.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < members.length; i++) {
                double r = spacing * Math.sqrt(i + 0.5);
                double a = turn + i * GOLDEN_ANGLE;
                x[members[i]] = p.getX() + r * Math.cos(a);
                y[members[i]] = p.getY() + r * Math.sin(a);
            }
        }
        fit(x, y);
        return new TopologyLayout(x, y);
    }

    /** Scales and centres the picture into the SIZE×SIZE square (client discs may stick out of the force layout's box). */
    private static void fit(double[] x, double[] y) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double scale = SIZE / Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        double offsetX = (SIZE - (maxX - minX) * scale) / 2;
        double offsetY = (SIZE - (maxY - minY) * scale) / 2;
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(SIZE, Math.max(0, offsetX + (x[i] - minX) * scale));
            y[i] = Math.min(SIZE, Math.max(0, offsetY + (y[i] - minY) * scale));
        }
    }

    public double x(int node) {
        return x[node];
    }

    public double y(int node) {
        return y[node];
    }

    public int size() {
        return x.length;
    }

    /** Whether both layouts put every node at exactly the same place. */
    public boolean samePositionsAs(TopologyLayout other) {
        return java.util.Arrays.equals(x, other.x) && java.util.Arrays.equals(y, other.y);
    }
}
