package dev.flowdeck.engine.topology;

/** What a node does in a delivery topology. */
public enum Role {
    /** The content's home: holds every item, reached over the CDN backbone (or directly over the open Internet). */
    ORIGIN,
    /** A CDN edge server (point of presence) in one region: holds the popular items, serves the region's clients. */
    EDGE,
    /** An end user. In the hybrid topology it is also a peer that uploads what it holds to its overlay neighbours. */
    CLIENT
}
