package dev.flowdeck.engine.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Times the three steps the console takes when a setting changes: generate both graphs, simulate both runs, lay out.
 * The command line prints the figures; nothing here asserts a speed.
 */
public final class TopologyBenchmark {
    /** Milliseconds per step of one round. */
    public record Timing(int nodes, int links, int requests, double generateMs, double simulateMs, double layoutMs,
                         double cpuMs) {
        /** Wall-clock time of the three steps. */
        public double totalMs() {
            return generateMs + simulateMs + layoutMs;
        }
    }

    private TopologyBenchmark() {
    }

    /** Settings with about {@code nodes} nodes in all (the defaults otherwise). */
    public static TopologySettings settingsForNodes(TopologySettings base, int nodes) {
        int servers = 1 + base.regions() * base.edgesPerRegion();
        if (nodes <= servers) {
            throw new IllegalArgumentException("a topology needs more than " + servers + " nodes (the origin and "
                    + (servers - 1) + " edge servers) plus clients; asked for " + nodes);
        }
        return base.withClients(nodes - servers);
    }

    /**
     * One round on the calling thread. Besides wall-clock time it reports the thread's CPU time, which stays honest
     * when other processes share the cores (wall time then includes waiting for a core).
     */
    public static Timing round(TopologySettings settings, RunSettings run) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        long t0 = System.nanoTime();
        Topology topology = Topology.generate(settings);
        long t1 = System.nanoTime();
        DeliveryComparison comparison = DeliverySimulation.compare(topology, run);
        long t2 = System.nanoTime();
        TopologyLayout layout = TopologyLayout.compute(topology);
        long t3 = System.nanoTime();
        if (comparison.hybrid().metrics().requests() < 0 || layout.size() != topology.nodeCount()) {
            throw new IllegalStateException("benchmark produced an inconsistent result");
        }
        double cpuMs = cpu0 < 0 ? Double.NaN : (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        return new Timing(topology.nodeCount(), topology.links().size(), topology.requestCount(), (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, cpuMs);
    }
}
