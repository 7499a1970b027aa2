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
    public LiveEventReader attach(Pipeline.Assembly p) {
        LiveEventReader reader = new LiveEventReader(p.kafka(), p.settings().topic(), p.metrics().counters(StageId.READER.key()),
                p.metrics().latency(Pipeline.HOP_END_TO_END), p.metrics().latency(Pipeline.HOP_KAFKA), recent, sampleEvery);
        p.add(reader);
        return reader;
    }
}
