package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.PipelinePart;

import java.nio.file.Path;

/**
 * The stream processor (Kafka Streams) on the pipeline's change-event topic, its state in {@code stateDir}. The
 * settings' source topic, replication factor and retention are taken from the pipeline's.
 */
public record ProcessorPart(ProcessorSettings settings, Path stateDir) implements PipelinePart<StreamProcessor> {
    @Override
    public StreamProcessor attach(Pipeline.Assembly assembly) {
        Pipeline pipeline = assembly.pipeline();
        settings.sourceTopic(pipeline.settings().topic()).replicationFactor(pipeline.settings().replicationFactor())
                .retention(pipeline.settings().retention());
        StreamProcessor processor = new StreamProcessor(pipeline.database(), pipeline.kafka(), settings, pipeline.metrics(), stateDir);
        assembly.add(processor);
        return processor;
    }
}
