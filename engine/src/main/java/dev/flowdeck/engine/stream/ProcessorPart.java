package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.PipelinePart;

import java.nio.file.Path;

/**
 * The stream processor (Kafka Streams) on the pipeline's change-event topic, its state in {@code stateDir}. The
 * settings' source topic and replication factor are taken from the pipeline's.
 */
public record ProcessorPart(ProcessorSettings settings, Path stateDir) implements PipelinePart<StreamProcessor> {
    @Override
    public StreamProcessor attach(Pipeline.Assembly p) {
        settings.sourceTopic(p.settings().topic()).replicationFactor(p.settings().replicationFactor());
        StreamProcessor processor = new StreamProcessor(p.database(), p.kafka(), settings, p.metrics(), stateDir);
        p.add(processor);
        return processor;
    }
}
