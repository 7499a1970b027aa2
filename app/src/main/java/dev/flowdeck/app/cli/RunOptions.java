package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.config.ResetChoice;
import dev.flowdeck.engine.config.SettingsException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** What the headless run does and for how long. */
public final class RunOptions {
    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long the writer writes, e.g. 30s, 2m (default: ${DEFAULT-VALUE}). Then the run drains and verifies.")
    Duration duration;

    @Option(names = "--rows-per-burst", paramLabel = "N", defaultValue = "100",
            description = "Rows the burst writer inserts per burst (default: ${DEFAULT-VALUE}).")
    int rowsPerBurst;

    @Option(names = "--burst-interval-ms", paramLabel = "T", defaultValue = "100",
            description = "Milliseconds between bursts (default: ${DEFAULT-VALUE}, i.e. 1,000 rows/s with the default burst).")
    long burstIntervalMs;

    @Option(names = "--max-rate", description = "Write as fast as the CDC poller keeps up (a benchmark).")
    boolean maxRate;

    @Option(names = "--writer-threads", paramLabel = "N", defaultValue = "1",
            description = "Concurrent writer threads, each committing its own transactions (default: ${DEFAULT-VALUE}).")
    int writerThreads;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of the change-event topic when it is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = PipelineSettings.DEFAULT_TOPIC,
            description = "Topic for change events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--poll-batch", paramLabel = "N", defaultValue = "5000",
            description = "Most rows the CDC poller reads per poll (default: ${DEFAULT-VALUE}).")
    int pollBatch;

    @Option(names = "--poll-interval-ms", paramLabel = "T", defaultValue = "200",
            description = "Longest wait between polls when no writer wakes the poller (default: ${DEFAULT-VALUE}).")
    long pollIntervalMs;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--seed-file", paramLabel = "FILE",
            description = "Seed rows, CSV (org,amount,region) or JSON (default: the bundled livedb_seed.csv).")
    Path seedFile;

    @Option(names = "--on-reset", paramLabel = "CHOICE", converter = ResetChoiceConverter.class, defaultValue = "ask",
            description = "When the database was reset under the CDC (ids restarted, a database made anew where Kafka holds "
                    + "another's offsets): resnapshot (publish every row again) or resume (publish only new rows). "
                    + "Default: stop with a message and exit 4.")
    ResetChoice onReset;

    @Option(names = "--progress-every", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often progress is printed on stderr (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    /** Pipeline settings from these options; throws with a clear message on a bad value. */
    public PipelineSettings toSettings() {
        if (progressEvery.isZero()) {
            throw new SettingsException("--progress-every must be more than 0, e.g. 5s");
        }
        if (duration.isZero()) {
            throw new SettingsException("--duration must be more than 0, e.g. 30s");
        }
        PipelineSettings s = new PipelineSettings()
                .rowsPerBurst(rowsPerBurst)
                .burstIntervalMs(burstIntervalMs)
                .maxRate(maxRate)
                .writerThreads(writerThreads)
                .partitions(partitions)
                .topic(topic)
                .pollBatchSize(pollBatch)
                .pollIntervalMs(pollIntervalMs)
                .onReset(onReset);
        if (maxRate) {
            s.pollBatchSize(Math.max(pollBatch, 10_000));
        }
        retention.applyTo(s.retention());
        return s;
    }
}
