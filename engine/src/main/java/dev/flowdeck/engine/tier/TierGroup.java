package dev.flowdeck.engine.tier;

/** The tiers' stages in one pipeline, as {@link TierPart} built them. */
public record TierGroup(Tiers tiers, TierFeed edgeFeed, TierFeed cloudFeed, TierHttpServer edgeHttp,
                        TierHttpServer cloudHttp) {
    public TierFeed feed(TierRole role) {
        return role == TierRole.EDGE ? edgeFeed : cloudFeed;
    }

    public TierHttpServer endpoint(TierRole role) {
        return role == TierRole.EDGE ? edgeHttp : cloudHttp;
    }
}
