package dev.flowdeck.app.ui.tiers;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.ui.live.LiveExtension;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.app.ui.live.TiersFrame;
import dev.flowdeck.app.ui.pipeline.TierControl;
import dev.flowdeck.app.session.SessionExtension;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.tier.QueueTheory;
import dev.flowdeck.engine.tier.RouterSettings;
import dev.flowdeck.engine.tier.RoutingPolicy;
import dev.flowdeck.engine.tier.Tier;
import dev.flowdeck.engine.tier.TierCounts;
import dev.flowdeck.engine.tier.TierFeed;
import dev.flowdeck.engine.tier.TierGroup;
import dev.flowdeck.engine.tier.TierPart;
import dev.flowdeck.engine.tier.TierHttpServer;
import dev.flowdeck.engine.tier.TierRole;
import dev.flowdeck.engine.tier.TierSettings;
import dev.flowdeck.engine.tier.TierSnapshot;
import dev.flowdeck.engine.tier.TierSweep;
import dev.flowdeck.engine.tier.Tiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The edge and cloud tiers in the console: added to every pipeline the session builds (two feeds, two loopback HTTP
 * endpoints, the event loop on the wall clock), shown in each frame, and steered by the Pipeline page. The settings
 * objects live as long as the console, so slider positions survive a restart or a profile switch.
 */
public final class LiveTiers implements SessionExtension, LiveExtension, TierControl {
    /** Handler threads per endpoint: enough for curl and wrk from the desk, fewer than the headless default. */
    static final int HTTP_THREADS = 8;
    static final int SWEEP_JOBS = 20_000;
    static final List<Double> SWEEP_LOADS = List.of(0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveTiers.class);
    private final TierSettings edgeSettings = TierSettings.edgeDefaults();
    private final TierSettings cloudSettings = TierSettings.cloudDefaults();
    private final RouterSettings routerSettings = new RouterSettings();
    private final long seed;
    private volatile Attached attached;
    private volatile List<TiersFrame.SweepPoint> sweep = List.of();
    private volatile String sweepStatus = "";
    private final List<TheoryCache> theory = List.of(new TheoryCache(TierRole.EDGE), new TheoryCache(TierRole.CLOUD));
    private final List<Offered> offered = new CopyOnWriteArrayList<>(List.of(new Offered(), new Offered()));

    private record Attached(Pipeline pipeline, Tiers tiers, TierFeed edgeFeed, TierFeed cloudFeed, TierHttpServer edgeHttp,
                            TierHttpServer cloudHttp) {
    }

    public LiveTiers(long seed) {
        this.seed = seed;
    }

    public TierSettings settings(TierRole role) {
        return role == TierRole.EDGE ? edgeSettings : cloudSettings;
    }

    public RouterSettings router() {
        return routerSettings;
    }

    // ---- SessionExtension ----

    @Override
    public void attach(Pipeline pipeline, Database database) throws Exception {
        TierGroup g = pipeline.add(new TierPart(edgeSettings, cloudSettings, routerSettings, seed, 0, 0, HTTP_THREADS));
        attached = new Attached(pipeline, g.tiers(), g.edgeFeed(), g.cloudFeed(), g.edgeHttp(), g.cloudHttp());
        offered.forEach(Offered::reset);
    }

    @Override
    public void detach() {
        Attached a = attached;
        attached = null;
        if (a != null) {
            a.tiers().close();
        }
    }

    /** The endpoints' addresses while attached, e.g. for the docs' curl example. */
    public Optional<String> endpoints() {
        Attached a = attached;
        return a == null ? Optional.empty() : Optional.of("edge " + a.edgeHttp().uri() + ", cloud " + a.cloudHttp().uri());
    }

    // ---- LiveExtension ----

    @Override
    public List<StageFrame> stages() {
        Attached a = attached;
        if (a == null) {
            return List.of(idle(TierRole.EDGE), idle(TierRole.CLOUD));
        }
        PipelineMetrics.Snapshot s = a.pipeline().metrics().snapshot();
        return List.of(stage(a, TierRole.EDGE, s), stage(a, TierRole.CLOUD, s));
    }

    private StageFrame idle(TierRole role) {
        return new StageFrame(role.stageId(), false, StageState.STOPPED, "starts with the pipeline", 0, "req/s",
                -1, -1, describe(settings(role)));
    }

    private StageFrame stage(Attached a, TierRole role, PipelineMetrics.Snapshot s) {
        Tier tier = a.tiers().tier(role);
        TierSnapshot snap = tier.snapshot();
        TierCounts c = snap.counts();
        TierFeed feed = role == TierRole.EDGE ? a.edgeFeed() : a.cloudFeed();
        StageStatus status = StageStatus.worse(feed.status(), a.tiers().stage().status());
        StageState state = status.state();
        String message = status.message();
        if (tier.settings().outage()) {
            state = StageState.DEGRADED;
            message = "outage: every request to this tier fails at once (" + c.failedOutage() + " so far)";
        }
        double queueingMs = snap.recent().queueing().mean();
        return new StageFrame(role.stageId(), true, state, message + "; feed: " + feed.status().message()
                + "; endpoint " + (role == TierRole.EDGE ? a.edgeHttp() : a.cloudHttp()).uri(),
                s.rate(role.stageId().key()), "req/s", c.queued(), c.queued() == 0 ? 0 : queueingMs,
                "p99 " + Human.millis(snap.recent().latency().p99()) + " · " + c.servers() + " servers");
    }

    @Override
    public Optional<TiersFrame> tiers() {
        Attached a = attached;
        if (a == null) {
            return Optional.empty();
        }
        PipelineMetrics.Snapshot s = a.pipeline().metrics().snapshot();
        var r = a.tiers().router().counts();
        return Optional.of(new TiersFrame(tier(a, TierRole.EDGE, s), tier(a, TierRole.CLOUD, s),
                routerSettings.policy().label(), new TiersFrame.Routed(r.toEdge(), r.toCloud(), r.spilled(), r.diverted()), sweep, List.of(theory.get(0).curve(), theory.get(1).curve()), sweepStatus));
    }

    private TiersFrame.Tier tier(Attached a, TierRole role, PipelineMetrics.Snapshot s) {
        Tier tier = a.tiers().tier(role);
        TierSnapshot snap = tier.snapshot();
        TierCounts c = snap.counts();
        double offeredPerS = offered.get(role.ordinal()).rate(c);
        double tierMean = snap.recent().queueing().mean() + snap.recent().service().mean();
        return new TiersFrame.Tier(role.label(), s.rate(role.stageId().key()), offeredPerS, snap.recent().latency().p50(),
                snap.recent().latency().p99(), snap.recent().latency().mean(), tierMean, c.queued(), c.inFlight(),
                c.arrivals(), c.completed(), c.failed(), tier.settings().outage(), tier.settings().servers(),
                tier.settings().serviceMeanMs());
    }

    @Override
    public Map<StageId, Double> rates() {
        Attached a = attached;
        if (a == null) {
            return Map.of();
        }
        PipelineMetrics.Snapshot s = a.pipeline().metrics().snapshot();
        return Map.of(StageId.EDGE, s.rate(StageId.EDGE.key()), StageId.CLOUD, s.rate(StageId.CLOUD.key()));
    }

    @Override
    public long errors() {
        Attached a = attached;
        return a == null ? 0 : a.tiers().edge().counts().failed() + a.tiers().cloud().counts().failed();
    }

    // ---- TierControl ----

    @Override
    public List<String> policies() {
        return Arrays.stream(RoutingPolicy.values()).map(RoutingPolicy::label).toList();
    }

    @Override
    public String policy() {
        return routerSettings.policy().label();
    }

    @Override
    public void policy(String policy) {
        if (policy != null) {
            routerSettings.policy(RoutingPolicy.parse(policy));
        }
    }

    @Override
    public double serviceMs(String tier) {
        return settings(role(tier)).serviceMeanMs();
    }

    @Override
    public void serviceMs(String tier, double ms) {
        settings(role(tier)).serviceMeanMs(ms);
    }

    @Override
    public int servers(String tier) {
        return settings(role(tier)).servers();
    }

    @Override
    public void servers(String tier, int servers) {
        settings(role(tier)).servers(servers);
    }

    @Override
    public boolean outage(String tier) {
        return settings(role(tier)).outage();
    }

    @Override
    public void outage(String tier, boolean out) {
        settings(role(tier)).outage(out);
    }

    /**
     * Sweeps both tiers' current settings (service time, servers, distribution) on the simulated clock: load stepped
     * from 10 % to 95 % of capacity, {@value #SWEEP_JOBS} jobs a step. Blocking (about a second): run it in the background.
     */
    @Override
    public void runSweep() throws InterruptedException {
        long t0 = System.nanoTime();
        List<TiersFrame.SweepPoint> points = new ArrayList<>();
        try {
            for (TierRole role : TierRole.values()) {
                TierSettings t = settings(role);
                TierSweep.Spec spec = TierSweep.Spec.of(t.distribution(), t.serviceMeanMs(), t.servers(), SWEEP_LOADS,
                        TierSweep.ClockKind.SIMULATED, SWEEP_JOBS, seed);
                sweepStatus = "sweeping the " + role.label() + " tier…";
                for (TierSweep.Step step : TierSweep.run(spec, st -> { })) {
                    points.add(new TiersFrame.SweepPoint(role.label(), step.offeredPerS(), step.throughputPerS(), step.meanMs(),
                            step.p99Ms(), step.theoryMeanMs()));
                }
            }
            sweep = List.copyOf(points);
            LOG.info("load sweep of both tiers on the simulated clock: {} steps of {} jobs in {} ms", points.size(), SWEEP_JOBS,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            sweepStatus = "";
        }
    }

    public void clearSweep() {
        sweep = List.of();
    }

    private static TierRole role(String tier) {
        return TierControl.EDGE.equals(tier) ? TierRole.EDGE : TierRole.CLOUD;
    }


    static String describe(TierSettings t) {
        return String.format(Locale.ROOT, "%.0f ms × %d servers", t.serviceMeanMs(), t.servers());
    }



    /** The theory curve of a tier's current settings, recomputed only when they change. */
    private final class TheoryCache {
        private final TierRole role;
        private String key = "";
        private TiersFrame.Curve curve;

        TheoryCache(TierRole role) {
            this.role = role;
        }

        synchronized TiersFrame.Curve curve() {
            TierSettings t = settings(role);
            String now = t.distribution() + "/" + t.serviceMeanMs() + "/" + t.servers();
            if (!now.equals(key)) {
                key = now;
                double capacity = t.servers() * 1000.0 / t.serviceMeanMs();
                double[][] xy = QueueTheory.curve(t.distribution(), t.serviceMeanMs(), t.servers(), 0.02, 0.97, 48);
                double[] x = new double[xy.length];
                double[] y = new double[xy.length];
                for (int i = 0; i < xy.length; i++) {
                    x[i] = xy[i][0] * capacity;
                    y[i] = xy[i][1];
                }
                curve = new TiersFrame.Curve(role.label(), x, y);
            }
            return curve;
        }
    }

    /** Arrivals per second over the last second or so, from the counts the loop publishes. */
    private static final class Offered {
        private long lastArrivals = -1;
        private long lastNanos;
        private double rate;

        synchronized void reset() {
            lastArrivals = -1;
            rate = 0;
        }

        synchronized double rate(TierCounts c) {
            long now = System.nanoTime();
            if (lastArrivals < 0 || c.arrivals() < lastArrivals) {
                lastArrivals = c.arrivals();
                lastNanos = now;
            } else if (now - lastNanos >= 1_000_000_000L) {
                rate = (c.arrivals() - lastArrivals) * 1e9 / (now - lastNanos);
                lastArrivals = c.arrivals();
                lastNanos = now;
            }
            return rate;
        }
    }
}
