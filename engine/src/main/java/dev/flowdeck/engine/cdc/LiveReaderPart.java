package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.PipelinePart;
import dev.flowdeck.engine.StageId;

/**
 * The console's live reader of the change-event topic: counts what arrives, measures the Kafka and end-to-end hops,
 * and keeps one event in {@code sampleEvery} for the Logs page.
 */
public record LiveReaderPart(RecentEvents recent, int sampleEvery) implements PipelinePart<LiveEventReader> {
    @Override
    public LiveEventReader attach(Pipeline.Assembly assembly) {
        Pipeline pipeline = assembly.pipeline();
        LiveEventReader reader = new LiveEventReader(pipeline.kafka(), pipeline.settings().topic(), pipeline.metrics().counters(StageId.READER.key()),
                pipeline.metrics().latency(Pipeline.HOP_END_TO_END), pipeline.metrics().latency(Pipeline.HOP_KAFKA), recent, sampleEvery);
        assembly.add(reader);
        return reader;
    }
}
