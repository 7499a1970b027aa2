package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.StageId;
import java.util.List;
import java.util.Optional;

/**
 * What a stage group beyond the core pipeline (stream processor, edge and cloud tiers) adds to each frame. Called on
 * the sampler's thread; must return quickly from counters and snapshots, never wait on I/O.
 */
public interface LiveExtension {
    /** Its boxes in the diagram (ids processor, edge, cloud); empty while it is not attached to a pipeline. */
    List<StageFrame> stages();

    default Optional<ProcessorFrame> processor() {
        return Optional.empty();
    }

    default Optional<TiersFrame> tiers() {
        return Optional.empty();
    }

    /** Items per second by stage id, for the events/s chart. */
    default java.util.Map<StageId, Double> rates() {
        return java.util.Map.of();
    }

    /** Failures since the start (requests that failed, records that could not be processed), for the error rate. */
    default long errors() {
        return 0;
    }
}
