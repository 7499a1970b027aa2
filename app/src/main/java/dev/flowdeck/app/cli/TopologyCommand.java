package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.DeliverySimulation;
import dev.flowdeck.engine.topology.RunSettings;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologyBenchmark;
import dev.flowdeck.engine.topology.TopologySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck topology}: builds the flat CDN and the hybrid P2P/CDN topology from one seeded parameter set,
 * delivers the same requests over both, and prints one JSON line {@code {"flat": {...}, "hybrid": {...}, ...}}.
 * {@code --bench} times generate + simulate + lay out instead.
 */
@Command(name = "topology", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Simulate content delivery over a flat CDN and a hybrid P2P/CDN topology built from the same "
                + "seeded parameters; print one JSON line with both topologies' metrics.",
                "Node ids for --fail: origin, edge-0 .. edge-N, client-0 .. client-N."})
public final class TopologyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopologySettings d = TopologySettings.defaults();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (default: 7).")
    long seed = d.seed();

    @Option(names = "--clients", paramLabel = "N", description = "Clients in all, spread over the regions (default: 500).")
    int clients = d.clients();

    @Option(names = "--regions", paramLabel = "N", description = "Regions, 1-8 (default: 4).")
    int regions = d.regions();

    @Option(names = "--edges-per-region", paramLabel = "N", description = "CDN edge servers per region (default: 3).")
    int edgesPerRegion = d.edgesPerRegion();

    @Option(names = "--peers-per-client", paramLabel = "N", description = "Peer links each client opens in the hybrid topology (default: 3).")
    int peersPerClient = d.peersPerClient();

    @Option(names = "--peer-upload-mbps", paramLabel = "MBPS", description = "Each peer's upload capacity; 0 = peers serve nothing (default: 10).")
    double peerUploadMbps = RunSettings.defaults().peerUploadMbps();

    @Option(names = "--churn", paramLabel = "0..1", description = "Share of time a peer is away; 1 = all peers gone (default: 0).")
    double churn;

    @Option(names = "--zipf", paramLabel = "S", description = "Popularity skew (Zipf exponent, 0 = uniform) (default: 1.0).")
    double zipf = d.zipfExponent();

    @Option(names = "--catalogue", paramLabel = "N", description = "Distinct content items (default: 400).")
    int catalogue = d.catalogueItems();

    @Option(names = "--requests-per-client", paramLabel = "N", description = "Requests each client makes (default: 8).")
    int requestsPerClient = d.requestsPerClient();

    @Option(names = "--edge-cache-share", paramLabel = "0..1", description = "Share of the catalogue on each edge server, most popular first (default: 0.3).")
    double edgeCacheShare = d.edgeCacheShare();

    @Option(names = "--client-cache-items", paramLabel = "N", description = "Items each client holds at the start (default: 60).")
    int clientCacheItems = d.clientCacheItems();

    @Option(names = "--edge-capacity-mbps", paramLabel = "MBPS", description = "Upload capacity of each edge server (default: 400).")
    double edgeCapacityMbps = d.edgeCapacityMbps();

    @Option(names = "--origin-capacity-mbps", paramLabel = "MBPS", description = "Upload capacity of the origin (default: 1000).")
    double originCapacityMbps = d.originCapacityMbps();

    @Option(names = "--peer-exodus-s", paramLabel = "SECONDS", description = "Every peer leaves at once at this simulated second (default: never).")
    double peerExodusSec = -1;

    @Option(names = "--fail", paramLabel = "NODE_ID", arity = "1..*", description = "Nodes that are down, e.g. --fail edge-0 origin.")
    List<String> fail = new ArrayList<>();

    @Option(names = "--bench", description = "Time generate + simulate + lay out instead (prints one JSON line per round).")
    boolean bench;

    @Option(names = "--bench-nodes", paramLabel = "N", description = "Nodes in the benchmark topology (default: 5000).")
    int benchNodes = 5000;

    @Option(names = "--bench-rounds", paramLabel = "N", description = "Benchmark rounds in this JVM; the first is cold (default: 5).")
    int benchRounds = 5;

    @Option(names = "--bench-view", description = "Open the Topology page in a window with --bench-nodes nodes, pan it "
            + "continuously and print the frames per second (needs a display; Xvfb works).")
    boolean benchView;

    @Option(names = "--bench-seconds", paramLabel = "S", description = "Seconds of panning per zoom level in --bench-view (default: 8).")
    int benchSeconds = 8;

    @Option(names = "--bench-screenshot", paramLabel = "FILE", description = "With --bench-view: save a PNG of the page afterwards.")
    java.nio.file.Path benchScreenshot;

    @Spec
    CommandSpec spec;

    private ViewBench viewBench = (nodes, perZoom, screenshot) -> {
        throw new IllegalStateException("--bench-view is not available in this build");
    };

    /** The --bench-view benchmark: one JSON object per zoom level. */
    @FunctionalInterface
    public interface ViewBench {
        java.util.List<ObjectNode> run(int nodes, java.time.Duration perZoom, java.nio.file.Path screenshot) throws Exception;
    }

    /** The benchmarks depend on the command line, not the other way round, so {@code Main} hands this one over. */
    public TopologyCommand viewBench(ViewBench bench) {
        this.viewBench = bench;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        TopologySettings settings = settings();
        if (benchView) {
            return benchView();
        }
        if (bench) {
            return bench(settings);
        }
        Topology topology = Topology.generate(settings);
        RunSettings run = new RunSettings(peerUploadMbps, churn, peerExodusSec, failedNodes(topology));
        DeliveryComparison comparison = DeliverySimulation.compare(topology, run);
        ObjectNode json = TopologyJson.comparison(comparison);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.toString());
        out.flush();
        return 0;
    }

    TopologySettings settings() {
        return new TopologySettings(seed, regions, edgesPerRegion, clients, peersPerClient, catalogue, zipf,
                d.segmentMb(), requestsPerClient, d.durationSec(), edgeCacheShare, clientCacheItems, edgeCapacityMbps,
                originCapacityMbps, d.streamMbps(), d.windowSec(), d.sessionSec());
    }

    private Set<Integer> failedNodes(Topology topology) {
        Set<Integer> nodes = new TreeSet<>();
        for (String id : fail) {
            for (String part : id.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                nodes.add(topology.nodeOf(part).orElseThrow(() -> new IllegalArgumentException("--fail: no node '" + part.trim()
                        + "'; ids are origin, edge-0.." + "edge-" + (topology.serverCount() - 2) + ", client-0..client-"
                        + (topology.clientCount() - 1))));
            }
        }
        return nodes;
    }

    private int benchView() throws Exception {
        if (benchSeconds < 1) {
            throw new IllegalArgumentException("--bench-seconds must be at least 1 (was " + benchSeconds + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ObjectNode o : viewBench.run(benchNodes, java.time.Duration.ofSeconds(benchSeconds), benchScreenshot)) {
            out.println(o.toString());
            out.flush();
        }
        return 0;
    }

    private int bench(TopologySettings base) {
        if (benchRounds < 1) {
            throw new IllegalArgumentException("--bench-rounds must be at least 1 (was " + benchRounds + ")");
        }
        TopologySettings settings = TopologyBenchmark.settingsForNodes(base, benchNodes);
        RunSettings run = new RunSettings(peerUploadMbps, churn, peerExodusSec, Set.of());
        PrintWriter out = spec.commandLine().getOut();
        for (int round = 1; round <= benchRounds; round++) {
            TopologyBenchmark.Timing t = TopologyBenchmark.round(settings, run);
            ObjectNode o = JSON.createObjectNode();
            o.put("round", round);
            o.put("nodes", t.nodes());
            o.put("links", t.links());
            o.put("requests", t.requests());
            o.put("generate_ms", TopologyJson.round(t.generateMs(), 1));
            o.put("simulate_ms", TopologyJson.round(t.simulateMs(), 1));
            o.put("layout_ms", TopologyJson.round(t.layoutMs(), 1));
            o.put("total_ms", TopologyJson.round(t.totalMs(), 1));
            o.put("cpu_ms", TopologyJson.round(t.cpuMs(), 1));
            out.println(o.toString());
            out.flush();
        }
        return 0;
    }
}
