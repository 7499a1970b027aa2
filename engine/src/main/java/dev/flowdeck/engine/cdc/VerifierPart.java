package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.PipelinePart;
import dev.flowdeck.engine.StageId;

/**
 * The delivery verifier of a measured run: reads every event back (read_committed) and checks the rows with ids
 * above {@code idBase} arrive exactly once. Its start position is pinned before anything is written.
 */
public record VerifierPart(long idBase) implements PipelinePart<DeliveryVerifier> {
    @Override
    public DeliveryVerifier attach(Pipeline.Assembly p) throws Exception {
        DeliveryVerifier verifier = new DeliveryVerifier(p.kafka(), p.settings().topic(), idBase,
                p.metrics().counters(StageId.VERIFIER.key()), p.metrics().latency(Pipeline.HOP_END_TO_END),
                p.metrics().latency(Pipeline.HOP_KAFKA));
        verifier.pinStart();
        p.add(verifier);
        return verifier;
    }
}
