package dev.flowdeck.engine.topology;

/**
 * The summary of one run over one topology. Shares are of delivered bytes (all items have the same size, so they are
 * also shares of served requests).
 *
 * @param requests       requests made (clients that are down make none)
 * @param served         requests delivered
 * @param successRate    served / requests (1 when no request was made)
 * @param latencyMeanMs  time to first byte of served requests: round trip over the route plus any queueing
 * @param latencyP95Ms   95th percentile of the same (nearest rank)
 * @param hopsMean       links crossed per served request
 * @param offload        bytes served by peers / bytes delivered; 0 in the flat topology
 * @param originLoad     bytes served by the origin / bytes delivered
 * @param peerServed     requests served by a peer
 * @param edgeServed     requests served by an edge server
 * @param originServed   requests served by the origin
 * @param queuedShare    share of served requests that waited for a busy CDN server
 * @param edgeLoadMax    the busiest edge server's utilisation (served Mbit / (capacity × duration))
 * @param originMbps     the origin's mean upload rate over the run
 */
public record DeliveryMetrics(long requests, long served, double successRate, double latencyMeanMs, double latencyP95Ms,
                              double hopsMean, double offload, double originLoad, long peerServed, long edgeServed,
                              long originServed, double queuedShare, double edgeLoadMax, double originMbps) {
}
