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
    public DeliveryVerifier attach(Pipeline.Assembly assembly) throws Exception {
        Pipeline pipeline = assembly.pipeline();
        DeliveryVerifier verifier = new DeliveryVerifier(pipeline.kafka(), pipeline.settings().topic(), idBase,
                pipeline.metrics().counters(StageId.VERIFIER.key()), pipeline.metrics().latency(Pipeline.HOP_END_TO_END),
                pipeline.metrics().latency(Pipeline.HOP_KAFKA));
        verifier.pinStart();
        assembly.add(verifier);
        return verifier;
    }
}
