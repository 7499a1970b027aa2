package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.metrics.StageCounters;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The edge tier, the cloud tier and the router in front of them, on one {@link EventLoop}. Built on the simulated
 * clock for sweeps and tests, or on the wall clock for the live pipeline, where {@link #stage()} runs the loop.
 *
 * <p>For a console: {@link #edge()}/{@link #cloud()} give each tier's live {@link TierSettings} and a cheap
 * {@link Tier#snapshot()}; {@link #router()} gives the {@link RouterSettings} and the routing counts. All of these
 * may be used from any thread at any rate without holding up the loop.
 */
public final class Tiers implements AutoCloseable {
    public static final String LOOP_LAG = "tier.loop_lag";

    private final EventLoop loop;
    private final Tier edge;
    private final Tier cloud;
    private final Router router;
    private TierStage stage;
    private long nextJobId;

    private Tiers(EventLoop loop, TierSettings edgeSettings, TierSettings cloudSettings, RouterSettings routerSettings,
                  long seed, Function<String, LatencyRecorder> recorders) {
        this.loop = loop;
        SplittableRandom seeds = new SplittableRandom(seed);
        this.edge = new Tier(TierRole.EDGE.label(), edgeSettings, loop, seeds.nextLong(),
                TierRecorders.named(TierRole.EDGE.label(), recorders));
        this.cloud = new Tier(TierRole.CLOUD.label(), cloudSettings, loop, seeds.nextLong(),
                TierRecorders.named(TierRole.CLOUD.label(), recorders));
        this.router = new Router(edge, cloud, routerSettings, loop);
    }

    /** On the simulated clock; the caller drives time with {@code loop().runUntil(..)}. */
    public static Tiers simulated(TierSettings edge, TierSettings cloud, RouterSettings router, long seed) {
        return new Tiers(EventLoop.simulated(), edge, cloud, router, seed, name -> new LatencyRecorder());
    }

    /**
     * On the wall clock; {@link #stage()} runs it.
     *
     * @param recorders where latencies go, e.g. {@code pipeline.metrics()::latency}, whose sampler rolls them
     */
    public static Tiers wall(TierSettings edge, TierSettings cloud, RouterSettings router, long seed,
                             Function<String, LatencyRecorder> recorders) {
        EventLoop loop = new EventLoop(TierClock.wall(), EventLoop.DEFAULT_INBOX_LIMIT, recorders.apply(LOOP_LAG));
        return new Tiers(loop, edge, cloud, router, seed, recorders);
    }

    /**
     * On the wall clock, reporting into the pipeline's metrics: latencies as {@code tier.edge}, {@code tier.edge.queueing},
     * ... and completions as the counters of the tiers' {@link TierRole#stageId() stages} (so the pipeline's sampler gives their
     * rates per second).
     */
    public static Tiers wall(TierSettings edge, TierSettings cloud, RouterSettings router, long seed, PipelineMetrics metrics) {
        Tiers tiers = wall(edge, cloud, router, seed, metrics::latency);
        for (Tier t : List.of(tiers.edge, tiers.cloud)) {
            StageCounters counters = metrics.counters((t == tiers.edge ? TierRole.EDGE : TierRole.CLOUD).stageId().key());
            t.observe(job -> {
                if (job.completed()) {
                    counters.add(1, 0, 0);
                } else {
                    counters.error();
                }
            });
        }
        return tiers;
    }

    public EventLoop loop() {
        return loop;
    }

    public Tier edge() {
        return edge;
    }

    public Tier cloud() {
        return cloud;
    }

    public Tier tier(TierRole role) {
        return role == TierRole.EDGE ? edge : cloud;
    }

    public Router router() {
        return router;
    }

    /**
     * Any thread: a request came in at {@code origin}'s door (its feed or endpoint); the router decides where it is
     * served. Returns false if the loop's inbox is full (the caller may wait and retry).
     */
    public boolean submit(TierRole origin, long key, JobListener listener) {
        return loop.offer(() -> router.route(newJob(key, origin, listener)));
    }

    /** Any thread: a request for {@code tier} itself, past the router (its HTTP endpoint). */
    public boolean submitTo(TierRole tier, long key, JobListener listener) {
        Tier target = tier(tier);
        return loop.offer(() -> target.accept(newJob(key, tier, listener)));
    }

    /** Loop thread: a request arrives now at {@code origin}'s door (simulated arrival generators). */
    void arrive(TierRole origin, long key, JobListener listener) {
        router.route(newJob(key, origin, listener));
    }

    /** Loop thread: a request arrives now straight at {@code tier}. */
    void arriveAt(TierRole tier, long key, JobListener listener) {
        tier(tier).accept(newJob(key, tier, listener));
    }

    private Job newJob(long key, TierRole origin, JobListener listener) {
        return new Job(nextJobId++, key, origin, listener);
    }

    /** The stage that runs the loop on the wall clock (thread {@code flowdeck-tiers}). */
    public synchronized TierStage stage() {
        if (loop.clock().isSimulated()) {
            throw new IllegalStateException("tiers on the simulated clock have no stage: drive them with loop().runUntil");
        }
        if (stage == null) {
            stage = new TierStage(loop);
        }
        return stage;
    }

    /** Jobs in flight in both tiers, as last published. */
    public long inFlight() {
        return edge.counts().inFlight() + cloud.counts().inFlight();
    }

    /** Rolls the latency recorders (when no pipeline sampler does). */
    public void roll() {
        edge.recorders().roll();
        cloud.recorders().roll();
        loop.lag().roll();
    }

    /** Stops following the settings objects, which may outlive these tiers (a console keeps them). */
    @Override
    public void close() {
        edge.detach();
        cloud.detach();
    }
}
