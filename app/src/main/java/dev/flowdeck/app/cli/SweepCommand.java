package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.tier.ServiceDistribution;
import dev.flowdeck.engine.tier.SweepReplications;
import dev.flowdeck.engine.tier.TierSettings;
import dev.flowdeck.engine.tier.TierSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
                + "offered_per_s, throughput_per_s, latency_ms {mean, mean_ci95, mean_raw, mean_raw_ci95, mean_estimator, p50, p95, "
                + "p99, max} and theory_mean_ms.",
                "Below capacity, mean is a control-variate estimate (statistics of the step's own arrivals and service times "
                        + "with exactly known expectations; see docs/tiers.md); mean_raw is the plain sample mean; the "
                        + "percentiles are raw.",
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

    @Option(names = "--replications", paramLabel = "N",
            description = "Instead of one sweep, run each load below capacity with seeds --seed .. --seed+N-1 and print, per "
                    + "load, the bias and spread against theory of the raw mean and of the estimate, the seeds within 5 %%, "
                    + "and how often the estimate's 95 %% interval holds the theory.")
    Integer replications;

    @Override
    public Integer call() throws Exception {
        ServiceDistribution d = ServiceDistribution.parse(service);
        TierSweep.ClockKind clockKind = TierSweep.ClockKind.parse(clock);
        TierSweep.Spec s = new TierSweep.Spec(d, serviceMs, servers, loads, clockKind, jobs,
                warmup != null ? warmup : Math.max(1_000, jobs / 10), seed, queue);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (replications != null) {
            if (replications < 2) {
                throw new ParameterException(spec.commandLine(), "--replications needs at least 2 seeds (got " + replications + ")");
            }
            SweepReplications.run(s, replications, 0.05, r -> {
                out.println(replicationJson(s, r, theoryModel(d, servers), clockKind));
                out.flush();
            });
            return 0;
        }
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
        putOrNull(l, "mean_ci95", step.meanCi95Ms());
        l.put("mean_raw", round(step.meanRawMs()));
        putOrNull(l, "mean_raw_ci95", step.meanRawCi95Ms());
        l.put("mean_estimator", step.meanEstimator());
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

    private static String replicationJson(TierSweep.Spec s, SweepReplications.Summary r, String model, TierSweep.ClockKind clock) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rho", r.rho());
        o.put("seeds", r.seeds());
        o.put("first_seed", s.seed());
        o.put("jobs", s.jobs());
        o.put("warmup", s.warmup());
        o.put("theory_mean_ms", round(r.theoryMeanMs()));
        o.put("theory", model);
        spread(o.putObject("raw"), r.raw(), r.seeds());
        ObjectNode e = spread(o.putObject("estimate"), r.estimate(), r.seeds());
        e.put("ci95_covers_theory", r.covered());
        e.put("mean_ci95_pct", round(r.meanCiPct()));
        o.put("mean_estimator", r.estimator());
        o.put("service", s.distribution().label());
        o.put("service_ms", s.serviceMs());
        o.put("servers", s.servers());
        o.put("clock", clock.label());
        o.put("wall_s", round(r.wallSeconds()));
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode spread(ObjectNode o, SweepReplications.Spread sp, int seeds) {
        o.put("bias_pct", round(sp.biasPct()));
        o.put("bias_se_pct", round(sp.biasSePct(seeds)));
        o.put("sd_pct", round(sp.sdPct()));
        o.put("within_5pct", sp.within());
        return o;
    }

    private static void putOrNull(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
