package dev.flowdeck.engine;

/**
 * An optional part of a pipeline that the engine knows how to build: the console's live reader, the stream processor,
 * the edge and cloud tiers, the delivery verifier, capture sources. A part builds its stages on the pipeline's
 * connections, settings and metrics and adds them through the {@link Pipeline.Assembly}; the caller keeps what
 * {@link #attach} returns (the stage, or a handle on a group of them).
 *
 * <p>A new kind of stage is a new part in the engine (its stage classes, a {@link StageId}, this interface), and one
 * place in the app that chooses it and hands over its settings.
 *
 * @param <T> what the caller gets back
 */
@FunctionalInterface
public interface PipelinePart<T> {
    T attach(Pipeline.Assembly pipeline) throws Exception;
}
