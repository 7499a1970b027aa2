package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.tier.ServiceDistribution;
import dev.flowdeck.engine.tier.TierSettings;
import dev.flowdeck.engine.tier.TierSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck sweep}: one tier under Poisson load stepped through the given utilisations; prints one JSON object
 * per step (the data of the throughput-versus-latency chart), with the queueing-theory mean beside the measured one.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sweeps one tier's offered load from low to above capacity and prints, per step, one JSON line: rho, "
                + "offered_per_s, throughput_per_s, latency_ms {mean, mean_ci95, p50, p95, p99, max} and theory_mean_ms.",
                "Latency is the tier's own time (queueing + service), measured after a warm-up. Theory: M/D/1 "
                        + "(Pollaczek-Khinchine) and M/M/c (Erlang C) exactly; M/D/c by Cosmetatos' approximation; null at or "
                        + "above capacity.",
                "Example: flowdeck sweep --service constant --service-ms 10 --servers 1 --loads 0.2,0.5,0.8,0.9 --jobs 100000"})
public final class SweepCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--service", paramLabel = "constant|exponential", defaultValue = "constant",
            description = "Service time distribution (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--service-ms", paramLabel = "MS", defaultValue = "10", description = "Mean service time (default: ${DEFAULT-VALUE}).")
    double serviceMs;

    @Option(names = "--servers", paramLabel = "C", defaultValue = "1", description = "Servers (default: ${DEFAULT-VALUE}).")
    int servers;

    @Option(names = "--loads", paramLabel = "RHO", split = ",", defaultValue = "0.2,0.5,0.8,0.9,0.95,1.1,1.3",
            description = "Utilisations to step through, rho = arrival rate x service time / servers (default: ${DEFAULT-VALUE}).")
    List<Double> loads;

    @Option(names = "--clock", paramLabel = "simulated|wall", defaultValue = "simulated",
            description = "simulated: discrete-event time, seconds for 10^5 jobs; wall: the same model in real time "
                    + "(jobs / arrival rate seconds per step) (default: ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "100000", description = "Jobs measured per step (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Jobs run before measuring, left out of the figures (default: a tenth of --jobs, at least 1000).")
    Integer warmup;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "" + TierSettings.MAX_QUEUE,
            description = "Queue bound; arrivals beyond it fail (default: ${DEFAULT-VALUE}, never reached below capacity).")
    int queue;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ServiceDistribution d = ServiceDistribution.parse(service);
        TierSweep.ClockKind clockKind = TierSweep.ClockKind.parse(clock);
        TierSweep.Spec s = new TierSweep.Spec(d, serviceMs, servers, loads, clockKind, jobs,
                warmup != null ? warmup : Math.max(1_000, jobs / 10), seed, queue);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String model = theoryModel(d, servers);
        long started = System.nanoTime();
        for (double rho : s.loads()) {
            if (clockKind == TierSweep.ClockKind.WALL) {
                double seconds = (s.warmup() + (double) s.jobs()) / (rho * s.capacityPerSecond());
                err.printf(Locale.ROOT, "flowdeck: sweep rho=%.3g on the wall clock, about %.0f s%n", rho, seconds);
                err.flush();
            }
            TierSweep.Step step = TierSweep.step(s, rho);
            out.println(JSON.writeValueAsString(json(s, step, model, clockKind)));
            out.flush();
        }
        err.printf(Locale.ROOT, "flowdeck: sweep of %d steps took %.2f s%n", s.loads().size(), (System.nanoTime() - started) / 1e9);
        err.flush();
        return 0;
    }

    static String theoryModel(ServiceDistribution d, int servers) {
        if (d == ServiceDistribution.EXPONENTIAL) {
            return "M/M/" + servers + " Erlang C (exact)";
        }
        return servers == 1 ? "M/D/1 Pollaczek-Khinchine (exact)" : "M/D/" + servers + " Cosmetatos (approximation)";
    }

    private static ObjectNode json(TierSweep.Spec s, TierSweep.Step step, String model, TierSweep.ClockKind clock) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rho", step.rho());
        o.put("offered_per_s", round(step.offeredPerS()));
        o.put("throughput_per_s", round(step.throughputPerS()));
        ObjectNode l = o.putObject("latency_ms");
        l.put("mean", round(step.meanMs()));
        if (Double.isNaN(step.meanCi95Ms())) {
            l.putNull("mean_ci95");
        } else {
            l.put("mean_ci95", round(step.meanCi95Ms()));
        }
        l.put("p50", round(step.p50Ms()));
        l.put("p95", round(step.p95Ms()));
        l.put("p99", round(step.p99Ms()));
        l.put("max", round(step.maxMs()));
        if (Double.isNaN(step.theoryMeanMs())) {
            o.putNull("theory_mean_ms");
        } else {
            o.put("theory_mean_ms", round(step.theoryMeanMs()));
        }
        o.put("theory", model);
        o.put("capacity_per_s", round(s.capacityPerSecond()));
        o.put("jobs", step.measured());
        o.put("failed", step.failed());
        o.put("warmup", s.warmup());
        o.put("service", s.distribution().label());
        o.put("service_ms", s.serviceMs());
        o.put("servers", s.servers());
        o.put("clock", clock.label());
        o.put("seed", s.seed());
        o.put("wall_ms", step.wallMillis());
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
