package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck worker}: one more instance of the pipeline's stream processor (and/or its tiers), on this machine
 * or another, joining the same Kafka Streams application and consumer groups as the console or headless run that
 * writes and captures the rows. See docs/cluster.md.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs only the stream processor (--processor, the default) and/or the tiers (--tiers) as one more "
                + "instance of the same Kafka Streams application and consumer groups: several workers, on one machine or many, "
                + "share the topic's partitions; when one stops or dies its tasks move to the others (exactly-once kept).",
                "Runs until stopped (Ctrl+C, SIGTERM) or for --duration, printing progress on stderr and a JSON summary on stdout "
                        + "at the end.",
                "Example: FLOWDECK_DB_PASSWORD=... flowdeck worker --processor --bootstrap-servers k1:9092,k2:9092,k3:9092 "
                        + "--jdbc-url jdbc:postgresql://db:5432/flowdeck --db-user flowdeck"})
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 90s, 10m); default: run until stopped.")
    Duration duration;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = PipelineSettings.DEFAULT_TOPIC,
            description = "The change-event topic the pipeline publishes to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--progress-every", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often a progress line is printed on stderr (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ProcessorOptions processor;

    @Mixin
    TierOptions tiers;

    @Override
    public Integer call() throws Exception {
        if (connection.bootstrapServers == null || connection.bootstrapServers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "a worker joins the Kafka cluster of a running pipeline: give its "
                    + "brokers with --bootstrap-servers (a worker never starts a broker of its own)");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new ParameterException(spec.commandLine(), "--duration must be more than 0 (got " + duration + ")");
        }
        if (!processor.enabled && !tiers.enabled) {
            processor.enabled = true; // what a worker is for, unless told otherwise
        }
        List<HeadlessRun.HeadlessExtension> parts = new ArrayList<>();
        processor.extension().ifPresent(parts::add);
        tiers.extension().ifPresent(parts::add);
        PipelineSettings settings = new PipelineSettings().topic(topic);
        return new WorkerRun(connection, settings, parts, duration, progressEvery, System.out, System.err).execute();
    }
}
