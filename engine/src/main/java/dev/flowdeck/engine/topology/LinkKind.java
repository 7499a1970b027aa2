package dev.flowdeck.engine.topology;

/** What a link connects; CDN traffic and peer traffic use different kinds (see {@link CdnRoutes}). */
public enum LinkKind {
    /** Origin to an edge server. */
    BACKBONE,
    /** Between edge servers: all pairs inside a region, and a ring between regions. */
    EDGE_MESH,
    /** A client to each edge server of its region. */
    ACCESS,
    /** A client to the origin over the open Internet: slower than through an edge, used when the region's edges are down. */
    DIRECT,
    /** Between two clients of the same region; only in the hybrid topology, and only for peer-to-peer transfers. */
    PEER
}
