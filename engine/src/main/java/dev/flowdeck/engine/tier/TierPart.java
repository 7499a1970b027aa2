package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.PipelinePart;

/**
 * The edge and cloud tiers on the wall clock: a feed (a consumer group) per tier, a loopback HTTP endpoint per tier
 * (port 0: any free one) and the event loop. Stopped in this order (feeds, endpoints, loop), started in the reverse.
 * The settings objects are the live ones: sliders change them while the tiers run.
 */
public record TierPart(TierSettings edge, TierSettings cloud, RouterSettings router, long seed, int edgePort,
                       int cloudPort, int httpThreads) implements PipelinePart<TierGroup> {
    @Override
    public TierGroup attach(Pipeline.Assembly p) {
        Tiers tiers = Tiers.wall(edge, cloud, router, seed, p.metrics());
        String topic = p.settings().topic();
        TierFeed edgeFeed = new TierFeed(p.kafka(), topic, tiers, TierRole.EDGE);
        TierFeed cloudFeed = new TierFeed(p.kafka(), topic, tiers, TierRole.CLOUD);
        TierHttpServer edgeHttp = TierHttpServer.bind(tiers, TierRole.EDGE, edgePort, httpThreads);
        TierHttpServer cloudHttp = TierHttpServer.bind(tiers, TierRole.CLOUD, cloudPort, httpThreads);
        p.add(edgeFeed);
        p.add(cloudFeed);
        p.add(edgeHttp);
        p.add(cloudHttp);
        p.add(tiers.stage());
        return new TierGroup(tiers, edgeFeed, cloudFeed, edgeHttp, cloudHttp);
    }
}
