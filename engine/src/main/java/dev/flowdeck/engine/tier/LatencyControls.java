package dev.flowdeck.engine.tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mean latency of one sweep step, estimated with control variates ({@link ControlVariates}): statistics of the
 * step's own inputs whose expectations are known exactly, so their deviation from it in this run says which way the
 * run's luck went, and by how much the sample mean is off with it.
 *
 * <p>The controls, each averaged over the measured jobs (all fed in arrival order, warm-up included, so the control
 * systems start empty together with the tier):
 * <ul>
 *   <li><b>arrival gap</b>, always: the time since the previous arrival; expectation 1/λ. Fewer arrivals than usual
 *       means less queueing.</li>
 *   <li><b>service time</b>, for exponential service: the job's own service draw; expectation S.</li>
 *   <li><b>fast single server</b>, when c &gt; 1: one FIFO server c times as fast (service S_i/c) fed with the same
 *       arrivals and the same service draws, by Lindley's recursion. It is an M/M/1 (or, for constant service, an
 *       M/D/1) at the same ρ, with the exactly known mean (S/c)/(1 − ρ) (or Pollaczek–Khinchine for S/c). It queues
 *       when the tier queues, so it tracks the tier's luck closely.</li>
 *   <li><b>auxiliary M/M/1</b>, for constant service on one server: the same arrivals into one server with
 *       exponential service of mean S from a stream of its own; exact mean S/(1 − ρ). (A fast server would be the
 *       tier itself.)</li>
 * </ul>
 * None of these is the M/D/1 or M/M/c formula the tier is checked against. For exponential service on one server
 * the only system control would be the tier itself, so the inputs alone serve. At or above capacity no control has a
 * finite mean, and when jobs failed the controls (which never fail) no longer match the tier: the raw mean stands.
 */
final class LatencyControls {
    /** Batches of consecutive measured jobs, for both the fit and the confidence interval. */
    static final int BATCHES = 20;

    enum Control {
        ARRIVAL_GAP("arrival gap"), SERVICE_TIME("service time"), FAST_SERVER("fast single server"),
        AUXILIARY_MM1("auxiliary M/M/1");

        private final String label;

        Control(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * @param meanMs      the estimate of the mean latency
     * @param ci95Ms      its 95 % half-width (NaN when a batch is empty)
     * @param rawMeanMs   the plain sample mean
     * @param rawCi95Ms   the plain mean's 95 % half-width, by batch means
     * @param estimator   what {@code meanMs} is, e.g. "control variates: arrival gap, fast single server"
     * @param beta        the fitted coefficient of each control used, in the order of {@code estimator}
     */
    record Result(double meanMs, double ci95Ms, double rawMeanMs, double rawCi95Ms, String estimator, double[] beta) {
    }

    private final long warmup;
    private final long jobs;
    private final List<Control> controls;
    private final double[] expectedMs;
    private final double[] ySum = new double[BATCHES];
    private final long[] yCount = new long[BATCHES];
    private final double[][] xSum;
    private final long[] xCount = new long[BATCHES];
    private final int servers;
    private final LindleyQueue fast = new LindleyQueue();
    /**
     * Copies of the auxiliary M/M/1, each with its own service draws, averaged into one control. Its own service noise
     * is what keeps one copy from tracking the tier (M/D/1, rho 0.9, 10^5 jobs: estimate s.d. 2.9 % with 1 copy,
     * 2.0 % with 16, 1.7-1.9 % with 32, 1.4-1.5 % with 64); the average tends to the M/M/1's mean given these
     * arrivals. 32 copies cost about as much as the tier's own simulation.
     */
    static final int AUXILIARY_COPIES = 32;
    private final LindleyQueue[] auxiliary = new LindleyQueue[AUXILIARY_COPIES];
    private final Uniforms auxiliaryService;
    private final double auxiliaryMeanNanos;
    private final double meanGapMs;
    private double ySumAll;
    private long yCountAll;
    private long lastArrival;
    private boolean failures;
    private final boolean belowCapacity;

    /**
     * @param rho           the utilisation λS/c the arrivals were generated for
     * @param perSecond     their rate λ
     * @param auxiliarySeed seed of the auxiliary M/M/1's service stream (used only for constant service on one server)
     */
    LatencyControls(ServiceDistribution d, double serviceMs, int servers, double rho, double perSecond, long warmup,
                    long jobs, long auxiliarySeed) {
        this.warmup = warmup;
        this.jobs = jobs;
        this.servers = servers;
        this.belowCapacity = rho < 1;
        this.controls = belowCapacity ? chosen(d, servers) : List.of();
        this.meanGapMs = 1000.0 / perSecond;
        double fastMs = serviceMs / servers;
        this.auxiliaryMeanNanos = fastMs * 1e6;
        this.auxiliaryService = new Uniforms(auxiliarySeed);
        this.expectedMs = new double[controls.size()];
        for (int j = 0; j < controls.size(); j++) {
            expectedMs[j] = switch (controls.get(j)) {
                case ARRIVAL_GAP -> meanGapMs;
                case SERVICE_TIME -> serviceMs;
                // M/M/1 at rho: (S/c)/(1 - rho); M/D/1 at rho (Pollaczek-Khinchine): S/c + rho S/c / (2 (1 - rho))
                case FAST_SERVER -> d == ServiceDistribution.EXPONENTIAL
                        ? fastMs / (1 - rho) : fastMs + rho * fastMs / (2 * (1 - rho));
                case AUXILIARY_MM1 -> fastMs / (1 - rho);
            };
        }
        this.xSum = new double[controls.size()][BATCHES];
        for (int k = 0; k < auxiliary.length; k++) {
            auxiliary[k] = new LindleyQueue();
        }
    }

    /** The controls for a tier: the inputs always, and one approximating system that is not the tier itself. */
    static List<Control> chosen(ServiceDistribution d, int servers) {
        List<Control> c = new ArrayList<>();
        c.add(Control.ARRIVAL_GAP);
        if (d == ServiceDistribution.EXPONENTIAL) {
            c.add(Control.SERVICE_TIME);
        }
        if (servers > 1) {
            c.add(Control.FAST_SERVER);
        } else if (d == ServiceDistribution.CONSTANT) {
            c.add(Control.AUXILIARY_MM1);
        }
        return List.copyOf(c);
    }

    /** The next job in arrival order (keys 0, 1, 2, ...), finished or failed. */
    void add(Job job) {
        long arrival = job.acceptedAtNanos();
        long gapNanos = arrival - lastArrival;
        boolean first = job.key() == 0;
        lastArrival = arrival;
        double fastMs = 0;
        double auxMs = 0;
        for (Control c : controls) {
            if (c == Control.FAST_SERVER) {
                fastMs = fast.timeInSystem(arrival, (double) job.serviceNanos() / servers) / 1e6;
            } else if (c == Control.AUXILIARY_MM1) {
                double sum = 0;
                for (LindleyQueue q : auxiliary) {
                    sum += q.timeInSystem(arrival, auxiliaryService.exponential(auxiliaryMeanNanos));
                }
                auxMs = sum / auxiliary.length / 1e6;
            }
        }
        if (job.key() < warmup) {
            return;
        }
        int batch = (int) Math.min(BATCHES - 1, (job.key() - warmup) * BATCHES / jobs);
        if (!job.completed()) {
            failures = true;
            return;
        }
        double latencyMs = job.tierNanos() / 1e6;
        ySum[batch] += latencyMs;
        yCount[batch]++;
        ySumAll += latencyMs;
        yCountAll++;
        xCount[batch]++;
        for (int j = 0; j < controls.size(); j++) {
            xSum[j][batch] += switch (controls.get(j)) {
                // the first job's gap is from wherever the arrivals started: count it as exactly the mean
                case ARRIVAL_GAP -> first ? meanGapMs : gapNanos / 1e6;
                case SERVICE_TIME -> job.serviceNanos() / 1e6;
                case FAST_SERVER -> fastMs;
                case AUXILIARY_MM1 -> auxMs;
            };
        }
    }

    Result result() {
        double raw = yCountAll > 0 ? ySumAll / yCountAll : 0;
        for (long n : yCount) {
            if (n == 0) { // too few jobs (or failures) to fill every batch
                return new Result(raw, Double.NaN, raw, Double.NaN, "raw sample mean", new double[0]);
            }
        }
        double[] y = new double[BATCHES];
        double[][] x = new double[controls.size()][BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            y[b] = ySum[b] / yCount[b];
            for (int j = 0; j < controls.size(); j++) {
                x[j][b] = xSum[j][b] / xCount[b];
            }
        }
        double rawCi = ControlVariates.plain(y).ci95();
        if (!belowCapacity) {
            return new Result(raw, rawCi, raw, rawCi, "raw sample mean (at or above capacity)", new double[0]);
        }
        if (failures) {
            return new Result(raw, rawCi, raw, rawCi, "raw sample mean (jobs failed)", new double[0]);
        }
        ControlVariates.Estimate e = ControlVariates.estimate(y, x, expectedMs);
        if (e.used().length == 0) {
            return new Result(raw, rawCi, raw, rawCi, "raw sample mean", new double[0]);
        }
        String names = Arrays.stream(e.used()).mapToObj(j -> controls.get(j).label())
                .collect(Collectors.joining(", "));
        return new Result(e.mean(), e.ci95(), raw, rawCi, "control variates: " + names, e.beta());
    }
}
