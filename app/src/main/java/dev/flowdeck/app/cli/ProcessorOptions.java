package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.stream.ProcessorPart;
import dev.flowdeck.engine.stream.ProcessorSettings;
import dev.flowdeck.engine.stream.StateStoreKind;
import dev.flowdeck.engine.stream.StreamProcessor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Options of the stream processor in the headless run; see docs/processor.md. */
public final class ProcessorOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--processor",
            description = "Run the stream processor (Kafka Streams: windowed aggregates per region and organisation, alerts, "
                    + "anomalies) and add its counts to the summary.")
    boolean enabled;

    @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "1",
            description = "Kafka Streams threads, i.e. the processor's parallelism (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--processing-guarantee", paramLabel = "G", defaultValue = ProcessorSettings.EXACTLY_ONCE_V2,
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--commit-interval-ms", paramLabel = "T", defaultValue = "250",
            description = "How often the processor commits; under exactly-once also how soon its results are visible "
                    + "(default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--state-store", paramLabel = "KIND", defaultValue = "rocksdb",
            description = "Where the processor keeps its state: rocksdb (in <data dir>/streams; a restart resumes from the "
                    + "checkpoint) or memory (every start restores the whole changelog) (default: ${DEFAULT-VALUE}).")
    String stateStore;

    @Option(names = "--window-s", paramLabel = "S", defaultValue = "5",
            description = "Tumbling window size in seconds (default: ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Option(names = "--grace-s", paramLabel = "S", defaultValue = "30",
            description = "How late (event time) an event may arrive and still count in its window (default: ${DEFAULT-VALUE}).")
    double graceSeconds;

    @Option(names = "--alert-amount", paramLabel = "AMOUNT", defaultValue = "10000",
            description = "Raise an alert for every event whose amount is above this (default: ${DEFAULT-VALUE}).")
    BigDecimal alertAmount;

    @Option(names = "--anomaly-z", paramLabel = "Z", defaultValue = "3",
            description = "A region's rate is an anomaly this many standard deviations from its rolling mean (default: ${DEFAULT-VALUE}).")
    double anomalyZ;

    @Option(names = "--processor-app-id", paramLabel = "ID", defaultValue = ProcessorSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id base (default: ${DEFAULT-VALUE}). A new id processes the topic from its beginning.")
    String applicationId;

    @Option(names = "--processor-drain", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long the run waits at the end for the processor to catch up (default: ${DEFAULT-VALUE}).")
    Duration drainLimit;

    /** The processor's part of a headless run, if enabled. Throws a SettingsException naming a bad value. */
    public Optional<HeadlessRun.HeadlessExtension> extension() {
        if (!enabled) {
            return Optional.empty();
        }
        return Optional.of(new Extension(toSettings(), stateDir(), drainLimit));
    }

    ProcessorSettings toSettings() {
        return new ProcessorSettings()
                .streamThreads(streamThreads)
                .processingGuarantee(processingGuarantee)
                .commitIntervalMs(commitIntervalMs)
                .stateStore(StateStoreKind.parse(stateStore))
                .window(Duration.ofMillis(Math.round(windowSeconds * 1000)))
                .grace(Duration.ofMillis(Math.round(graceSeconds * 1000)))
                .alertAmount(alertAmount)
                .anomalyZ(anomalyZ)
                .applicationId(applicationId);
    }

    /** Kafka Streams' state folder: {@code streams} in the data folder (--data-dir or the application-data folder). */
    private Path stateDir() {
        OptionSpec dataDir = mixee == null ? null : mixee.findOption("--data-dir");
        Object value = dataDir == null ? null : dataDir.getValue();
        return (value instanceof Path p ? p : AppPaths.dataDir()).resolve("streams");
    }

    private static final class Extension implements HeadlessRun.HeadlessExtension {
        private final ProcessorSettings settings;
        private final Path stateDir;
        private final Duration drainLimit;
        private StreamProcessor processor;
        private boolean caughtUp;

        Extension(ProcessorSettings settings, Path stateDir, Duration drainLimit) {
            this.settings = settings;
            this.stateDir = stateDir;
            this.drainLimit = drainLimit;
        }

        @Override
        public void attach(Pipeline pipeline) throws Exception {
            processor = pipeline.add(new ProcessorPart(settings, stateDir));
        }

        @Override
        public void drain(Duration limit) throws InterruptedException {
            caughtUp = processor.drain(drainLimit.compareTo(limit) > 0 ? drainLimit : limit);
        }

        @Override
        public void summarize(ObjectNode summary) {
            StreamProcessor.Stats s = processor.stats();
            StageStatus status = processor.status();
            ObjectNode o = summary.putObject("processor");
            o.put("state", status.state().name());
            if (status.state() == dev.flowdeck.engine.StageState.FAILED) {
                o.put("message", status.message());
            }
            o.put("caught_up", caughtUp);
            o.put("events_processed", s.eventsProcessed());
            o.put("replayed_skipped", s.replayedSkipped());
            o.put("late_events", s.lateEvents());
            o.put("aggregate_rows_written", s.aggregateRowsWritten());
            o.put("alerts", s.alerts());
            o.put("anomalies", s.anomalies());
            o.put("dropped_records", s.droppedRecords());
            o.put("lag", s.lag());
            o.put("max_lag", s.maxLag());
            o.put("state_restored_records", s.restoredRecords());
            o.put("events_per_s", Math.round(s.eventsPerSecond()));
            o.put("peak_events_per_s", Math.round(s.peakEventsPerSecond()));
            o.set("latency_ms", VerifiedRun.latency(processor.hopLatency()));
            ObjectNode cfg = o.putObject("settings");
            cfg.put("application_id", settings.effectiveApplicationId());
            cfg.put("stream_threads", settings.streamThreads());
            cfg.put("processing_guarantee", settings.processingGuarantee());
            cfg.put("commit_interval_ms", settings.commitIntervalMs());
            cfg.put("window_s", settings.window().toMillis() / 1000.0);
            cfg.put("grace_s", settings.grace().toMillis() / 1000.0);
            cfg.put("alert_amount", settings.alertAmount());
            cfg.put("state_store", settings.stateStore().label());
            cfg.put("state_dir", stateDir.toString());
        }

        @Override
        public String progress() {
            StreamProcessor.Stats s = processor.stats();
            return "processor=" + s.eventsProcessed() + " lag=" + (s.lag() < 0 ? "?" : Long.toString(s.lag())) + " alerts=" + s.alerts();
        }
    }
}
