package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.tier.RouterSettings;
import dev.flowdeck.engine.tier.Tier;
import dev.flowdeck.engine.tier.TierFeed;
import dev.flowdeck.engine.tier.TierHttpServer;
import dev.flowdeck.engine.tier.TierGroup;
import dev.flowdeck.engine.tier.TierJson;
import dev.flowdeck.engine.tier.TierPart;
import dev.flowdeck.engine.tier.TierSettings;
import dev.flowdeck.engine.tier.TierSnapshot;
import dev.flowdeck.engine.tier.Tiers;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The tiers in a headless run: two feeds (a consumer group each), two loopback endpoints and the event loop on the
 * wall clock, joined to the pipeline; then the {@code edge}, {@code cloud} and {@code router} parts of the summary.
 */
final class TierRun implements HeadlessRun.HeadlessExtension {
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TierSettings edgeSettings;
    private final TierSettings cloudSettings;
    private final RouterSettings routerSettings;
    private final long seed;
    private final int edgePort;
    private final int cloudPort;
    private final int httpThreads;
    private Tiers tiers;
    private TierFeed edgeFeed;
    private TierFeed cloudFeed;
    private TierHttpServer edgeHttp;
    private TierHttpServer cloudHttp;

    TierRun(TierSettings edge, TierSettings cloud, RouterSettings router, long seed, int edgePort, int cloudPort, int httpThreads) {
        this.edgeSettings = edge;
        this.cloudSettings = cloud;
        this.routerSettings = router;
        this.seed = seed;
        this.edgePort = edgePort;
        this.cloudPort = cloudPort;
        this.httpThreads = httpThreads;
    }

    @Override
    public void attach(Pipeline pipeline) throws Exception {
        TierGroup group = pipeline.add(new TierPart(edgeSettings, cloudSettings, routerSettings, seed, edgePort, cloudPort, httpThreads));
        tiers = group.tiers();
        edgeFeed = group.edgeFeed();
        cloudFeed = group.cloudFeed();
        edgeHttp = group.edgeHttp();
        cloudHttp = group.cloudHttp();
        System.err.println("flowdeck: edge tier (" + edgeSettings + ") at " + edgeHttp.uri() + ", cloud tier (" + cloudSettings
                + ") at " + cloudHttp.uri() + ", routing " + routerSettings.policy().label());
    }

    /** Waits until the feeds have had nothing new for a second and no job is left in either tier. */
    @Override
    public void drain(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            boolean quiet = now - edgeFeed.lastRecordNanos() > QUIET_NANOS && now - cloudFeed.lastRecordNanos() > QUIET_NANOS;
            if (quiet && tiers.inFlight() == 0 && tiers.loop().inboxSize() == 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling counters the loop publishes; bounded
        }
        System.err.println("flowdeck: the tiers were still busy after " + limit.toSeconds() + " s; "
                + tiers.inFlight() + " jobs in flight are left out of the summary");
    }

    @Override
    public void summarize(ObjectNode summary) {
        summary.set("edge", tier(tiers.edge(), edgeFeed, edgeHttp));
        summary.set("cloud", tier(tiers.cloud(), cloudFeed, cloudHttp));
        ObjectNode router = TierJson.router(tiers.router());
        router.set("loop_lag_ms", TierJson.latency(tiers.loop().lag().total()));
        summary.set("router", router);
        tiers.close();
    }

    @Override
    public String progress() {
        return progress("edge", tiers.edge()) + " " + progress("cloud", tiers.cloud());
    }

    private static String progress(String name, Tier tier) {
        TierSnapshot s = tier.snapshot();
        return String.format(Locale.ROOT, "%s=%d p50=%.1fms", name, s.counts().completed(), s.recent().latency().p50());
    }

    private static ObjectNode tier(Tier tier, TierFeed feed, TierHttpServer http) {
        ObjectNode o = TierJson.snapshot(tier.snapshot());
        o.remove("recent");
        o.set("settings", TierJson.settings(tier.settings()));
        ObjectNode f = o.putObject("feed");
        f.put("group", feed.groupId());
        f.put("events_seen", feed.seen());
        f.put("events_taken", feed.taken());
        o.put("http", http.uri().toString());
        return o;
    }
}
