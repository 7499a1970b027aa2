package dev.flowdeck.engine.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The same sweep step repeated over consecutive seeds, to see how far its mean lands from queueing theory: the bias
 * and spread of the plain sample mean and of the control-variate estimate, how many seeds land within a tolerance,
 * and how often the estimate's 95 % interval holds the theory (it should, about 95 % of the time).
 */
public final class SweepReplications {
    private SweepReplications() {
    }

    /**
     * Errors relative to theory, over the seeds.
     *
     * @param biasPct   mean relative error, percent
     * @param sdPct     standard deviation of the relative error over the seeds, percent
     * @param within    seeds whose mean is within the tolerance of theory
     */
    public record Spread(double biasPct, double sdPct, int within) {
        /** Standard error of {@link #biasPct} itself. */
        public double biasSePct(int seeds) {
            return sdPct / Math.sqrt(seeds);
        }
    }

    /**
     * One load step over the seeds.
     *
     * @param covered   seeds whose estimate ± its 95 % half-width holds the theory
     * @param meanCiPct the estimate's mean 95 % half-width, percent of theory
     */
    public record Summary(double rho, int seeds, double theoryMeanMs, Spread raw, Spread estimate, int covered,
                          double meanCiPct, String estimator, double wallSeconds) {
    }

    /**
     * Runs each load of {@code spec} with seeds {@code spec.seed()} .. {@code spec.seed() + seeds − 1}; only loads below
     * capacity (where theory is finite).
     *
     * @param tolerance relative error counted as "within", e.g. 0.05
     */
    public static List<Summary> run(TierSweep.Spec spec, int seeds, double tolerance, Consumer<Summary> each)
            throws InterruptedException {
        if (seeds < 2) {
            throw new IllegalArgumentException("replications need at least 2 seeds (got " + seeds + ")");
        }
        List<Summary> out = new ArrayList<>();
        for (double rho : spec.loads()) {
            if (rho >= 1) {
                continue;
            }
            long started = System.nanoTime();
            double[] raw = new double[seeds];
            double[] est = new double[seeds];
            int covered = 0;
            double ciSum = 0;
            double theory = Double.NaN;
            String estimator = "";
            for (int i = 0; i < seeds; i++) {
                TierSweep.Spec s = new TierSweep.Spec(spec.distribution(), spec.serviceMs(), spec.servers(), List.of(rho),
                        spec.clock(), spec.jobs(), spec.warmup(), spec.seed() + i, spec.queueCapacity());
                TierSweep.Step step = TierSweep.step(s, rho);
                theory = step.theoryMeanMs();
                raw[i] = step.meanRawMs() / theory - 1;
                est[i] = step.meanMs() / theory - 1;
                if (Math.abs(step.meanMs() - theory) <= step.meanCi95Ms()) {
                    covered++;
                }
                ciSum += step.meanCi95Ms() / theory;
                estimator = step.meanEstimator();
            }
            Summary sum = new Summary(rho, seeds, theory, spread(raw, tolerance), spread(est, tolerance), covered,
                    100 * ciSum / seeds, estimator, (System.nanoTime() - started) / 1e9);
            out.add(sum);
            each.accept(sum);
        }
        return out;
    }

    private static Spread spread(double[] errors, double tolerance) {
        double sum = 0;
        int within = 0;
        for (double e : errors) {
            sum += e;
            if (Math.abs(e) <= tolerance) {
                within++;
            }
        }
        double mean = sum / errors.length;
        double sq = 0;
        for (double e : errors) {
            sq += (e - mean) * (e - mean);
        }
        return new Spread(100 * mean, 100 * Math.sqrt(sq / (errors.length - 1)), within);
    }
}
