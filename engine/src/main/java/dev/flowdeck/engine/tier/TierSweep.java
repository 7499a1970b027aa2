package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The throughput-versus-latency sweep: one tier with Poisson arrivals, offered load stepped through the given
 * utilisations (ρ = λS/c, below and above capacity), each step measured after a warm-up. Latency here is the tier's
 * own time (queueing + service; no network). Each step comes with the queueing-theory mean for comparison
 * ({@link QueueTheory}).
 *
 * <p>Every step uses the same seeds: the same unit-exponential arrival gaps (scaled by the load) and the same
 * service times, so steps differ by the load alone and a job never waits less at a higher load.
 *
 * <p>The mean is reported twice: the plain sample mean, and below capacity a control-variate estimate that removes
 * the part of the run's luck its own inputs reveal ({@link LatencyControls}); near capacity the plain mean of 10^5 jobs
 * scatters by several percent.
 */
public final class TierSweep {
    public static final int MAX_JOBS = 5_000_000;

    private TierSweep() {
    }

    /** Which clock the sweep's loop runs on. */
    public enum ClockKind {
        SIMULATED, WALL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static ClockKind parse(String text) {
            for (ClockKind k : values()) {
                if (k.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return k;
                }
            }
            throw new SettingsException("clock '" + text + "' is not known: use simulated or wall");
        }
    }

    /**
     * What to sweep.
     *
     * @param jobs          jobs measured per step, after the warm-up
     * @param warmup        jobs run first and left out of the figures (the queue fills from empty)
     * @param queueCapacity the tier's queue bound; the default (a million) never fills below capacity
     */
    public record Spec(ServiceDistribution distribution, double serviceMs, int servers, List<Double> loads, ClockKind clock,
                       int jobs, int warmup, long seed, int queueCapacity) {
        public Spec {
            new TierSettings(serviceMs, servers, 0, queueCapacity).distribution(distribution); // validates
            if (loads == null || loads.isEmpty()) {
                throw new SettingsException("loads must list at least one utilisation, e.g. 0.2,0.5,0.8,0.9");
            }
            for (double rho : loads) {
                if (!(rho > 0 && rho <= 10)) {
                    throw new SettingsException("each load (utilisation rho) must be above 0 and at most 10 (got " + rho + ")");
                }
            }
            if (jobs < 1 || jobs > MAX_JOBS) {
                throw new SettingsException("jobs must be between 1 and " + MAX_JOBS + " (got " + jobs + ")");
            }
            if (warmup < 0 || warmup > MAX_JOBS) {
                throw new SettingsException("warm-up must be between 0 and " + MAX_JOBS + " jobs (got " + warmup + ")");
            }
            loads = List.copyOf(loads);
        }

        /** The usual spec: a tenth of the jobs (at least 1,000) as warm-up, an unbounded-in-practice queue. */
        public static Spec of(ServiceDistribution d, double serviceMs, int servers, List<Double> loads, ClockKind clock,
                              int jobs, long seed) {
            return new Spec(d, serviceMs, servers, loads, clock, jobs, Math.max(1_000, jobs / 10), seed, TierSettings.MAX_QUEUE);
        }

        /** Jobs per second the tier serves at full utilisation: c / S. */
        public double capacityPerSecond() {
            return servers * 1000.0 / serviceMs;
        }
    }

    /**
     * One load step.
     *
     * @param throughputPerS completions per second while the measured jobs arrived
     * @param meanMs         the mean latency, estimated with control variates below capacity ({@link LatencyControls}:
     *                       statistics of the step's own arrivals and service draws with exactly known expectations);
     *                       the plain sample mean at or above capacity, or when jobs failed
     * @param meanCi95Ms     half-width of a 95 % confidence interval of {@code meanMs}, by batch means
     *                       ({@value LatencyControls#BATCHES} batches of consecutive jobs)
     * @param meanRawMs      the plain sample mean of the measured jobs' latencies
     * @param meanRawCi95Ms  its 95 % half-width, by the same batch means
     * @param meanEstimator  what {@code meanMs} is, e.g. "control variates: arrival gap, fast single server"
     * @param theoryMeanMs   the queueing-theory mean latency, NaN at or above capacity
     * @param wallMillis     how long the step took to run
     */
    public record Step(double rho, double offeredPerS, double throughputPerS, double meanMs, double meanCi95Ms,
                       double meanRawMs, double meanRawCi95Ms, String meanEstimator, double p50Ms, double p95Ms,
                       double p99Ms, double maxMs, double theoryMeanMs, long measured, long failed, long wallMillis) {
    }

    /** Runs every step in order, handing each to {@code each} as it finishes. */
    public static List<Step> run(Spec spec, Consumer<Step> each) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (double rho : spec.loads()) {
            Step s = step(spec, rho);
            steps.add(s);
            each.accept(s);
        }
        return steps;
    }

    /** Runs one step at utilisation {@code rho}. */
    public static Step step(Spec spec, double rho) throws InterruptedException {
        long started = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(spec.seed());
        long arrivalSeed = seeds.nextLong();
        long serviceSeed = seeds.nextLong();
        long auxiliarySeed = seeds.nextLong(); // drawn after the others, so they are what they always were
        double perSecond = rho * spec.capacityPerSecond();
        LatencyControls controls = new LatencyControls(spec.distribution(), spec.serviceMs(), spec.servers(), rho, perSecond,
                spec.warmup(), spec.jobs(), auxiliarySeed);
        Measure m = measure(spec, perSecond, arrivalSeed, serviceSeed, controls);
        double theory = rho < 1 ? QueueTheory.meanLatency(spec.distribution(), spec.serviceMs(), spec.servers(), rho) : Double.NaN;
        return m.step(rho, perSecond, theory, (System.nanoTime() - started) / 1_000_000);
    }

    private static Measure measure(Spec spec, double perSecond, long arrivalSeed, long serviceSeed, LatencyControls controls)
            throws InterruptedException {
        long total = (long) spec.warmup() + spec.jobs();
        Measure m = new Measure(spec.warmup(), spec.jobs(), controls);
        TierSettings settings = new TierSettings(spec.serviceMs(), spec.servers(), 0, spec.queueCapacity())
                .distribution(spec.distribution());
        PoissonArrivals arrivals = new PoissonArrivals(perSecond, arrivalSeed);
        Uniforms service = new Uniforms(serviceSeed);
        if (spec.clock() == ClockKind.SIMULATED) {
            EventLoop loop = EventLoop.simulated();
            Tier tier = new Tier("sweep", settings, loop, service, TierRecorders.standalone());
            arrivals.scheduleOn(loop, total, i -> m.arrive(loop, tier, i));
            loop.runUntilIdle();
            tier.detach();
        } else {
            EventLoop loop = new EventLoop(TierClock.wall(), Integer.MAX_VALUE, new LatencyRecorder());
            Tier tier = new Tier("sweep", settings, loop, service, TierRecorders.standalone());
            TierStage stage = new TierStage(loop);
            AtomicBoolean stop = new AtomicBoolean();
            stage.start();
            try {
                arrivals.offerInRealTime(loop, total, i -> m.arrive(loop, tier, i), stop::get);
                m.finished.await();
            } finally {
                stop.set(true);
                stage.stop();
                tier.detach();
            }
        }
        return m;
    }

    /** Collects one step's figures; runs on the loop thread until {@link #finished} opens. */
    private static final class Measure implements JobListener {
        private final long warmup;
        private final long jobs;
        private final Histogram micros = new Histogram(3_600_000_000L, 3);
        private final CountDownLatch finished = new CountDownLatch(1);
        private final LatencyControls controls;
        private final ArrivalOrder inOrder;
        private long[] doneAt = new long[1024];
        private int completions;
        private long done;
        private long failed;
        private long measured;
        private long firstArrival;
        private long lastArrival;

        Measure(long warmup, long jobs, LatencyControls controls) {
            this.warmup = warmup;
            this.jobs = jobs;
            this.controls = controls;
            this.inOrder = new ArrivalOrder(controls::add);
        }

        void arrive(EventLoop loop, Tier tier, long index) {
            if (index == warmup) {
                firstArrival = loop.now();
            }
            if (index == warmup + jobs - 1) {
                lastArrival = loop.now();
            }
            tier.accept(new Job(index, index, null, this));
        }

        @Override
        public void done(Job job) {
            done++;
            if (job.completed()) {
                if (completions == doneAt.length) {
                    doneAt = Arrays.copyOf(doneAt, completions * 2);
                }
                doneAt[completions++] = job.doneAtNanos();
                if (job.key() >= warmup) {
                    micros.recordValue(Math.min(job.tierNanos() / 1_000, micros.getHighestTrackableValue()));
                    measured++;
                }
            } else if (job.key() >= warmup) {
                failed++;
            }
            inOrder.add(job);
            if (done == warmup + jobs) {
                finished.countDown();
            }
        }

        /** Completions while the measured jobs arrived, and how long that took (seconds). */
        private long inWindow() {
            long n = 0;
            for (int i = 0; i < completions; i++) {
                if (doneAt[i] >= firstArrival && doneAt[i] <= lastArrival) {
                    n++;
                }
            }
            return n;
        }

        Step step(double rho, double offered, double theory, long wallMillis) {
            double window = (lastArrival - firstArrival) / 1e9;
            double throughput = window > 0 ? inWindow() / window : 0;
            boolean any = measured > 0;
            LatencyControls.Result mean = controls.result();
            return new Step(rho, offered, throughput, mean.meanMs(), mean.ci95Ms(), mean.rawMeanMs(), mean.rawCi95Ms(),
                    mean.estimator(), any ? micros.getValueAtPercentile(50) / 1000.0 : 0,
                    any ? micros.getValueAtPercentile(95) / 1000.0 : 0, any ? micros.getValueAtPercentile(99) / 1000.0 : 0,
                    any ? micros.getMaxValue() / 1000.0 : 0, theory, measured, failed, wallMillis);
        }
    }
}
