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
    public TierGroup attach(Pipeline.Assembly assembly) {
        Pipeline pipeline = assembly.pipeline();
        Tiers tiers = Tiers.wall(edge, cloud, router, seed, pipeline.metrics());
        String topic = pipeline.settings().topic();
        TierFeed edgeFeed = new TierFeed(pipeline.kafka(), topic, tiers, TierRole.EDGE);
        TierFeed cloudFeed = new TierFeed(pipeline.kafka(), topic, tiers, TierRole.CLOUD);
        TierHttpServer edgeHttp = TierHttpServer.bind(tiers, TierRole.EDGE, edgePort, httpThreads);
        TierHttpServer cloudHttp = TierHttpServer.bind(tiers, TierRole.CLOUD, cloudPort, httpThreads);
        assembly.add(edgeFeed);
        assembly.add(cloudFeed);
        assembly.add(edgeHttp);
        assembly.add(cloudHttp);
        assembly.add(tiers.stage());
        return new TierGroup(tiers, edgeFeed, cloudFeed, edgeHttp, cloudHttp);
    }
}
