package dev.flowdeck.app.ui.processor;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.ui.live.LiveExtension;
import dev.flowdeck.app.ui.live.ProcessorFrame;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.app.session.SessionExtension;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.stream.Alert;
import dev.flowdeck.engine.stream.Anomaly;
import dev.flowdeck.engine.stream.ProcessorFeed;
import dev.flowdeck.engine.stream.ProcessorPart;
import dev.flowdeck.engine.stream.ProcessorSettings;
import dev.flowdeck.engine.stream.StreamProcessor;
import dev.flowdeck.engine.stream.WindowAggregate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stream processor in the console: added to every pipeline the session builds (Kafka Streams, state in the data
 * folder), shown as the Processor box, the per-region bars (the last complete window of each region) and the
 * alerts list (alerts and anomalies, newest first). Reads only the processor's own cheap feed and counters.
 */
public final class LiveProcessor implements SessionExtension, LiveExtension {
    static final int ALERTS_SHOWN = 50;

    private final Supplier<Path> stateDir;
    private volatile StreamProcessor processor;
    private volatile Pipeline pipeline;
    private long seenVersion = -1;
    private ProcessorFrame frame = new ProcessorFrame(List.of(), List.of());
    private final Map<String, WindowAggregate> newest = new HashMap<>();
    private final Map<String, WindowAggregate> complete = new HashMap<>();

    /** @param stateDir where Kafka Streams keeps its state, asked at each attach (the data folder of the session) */
    public LiveProcessor(Supplier<Path> stateDir) {
        this.stateDir = stateDir;
    }

    /** The running processor, for the Processor page. */
    public Optional<StreamProcessor> running() {
        return Optional.ofNullable(processor);
    }

    @Override
    public void attach(Pipeline p, Database database) throws Exception {
        StreamProcessor sp = p.add(new ProcessorPart(new ProcessorSettings(), stateDir.get()));
        synchronized (this) {
            newest.clear();
            complete.clear();
            seenVersion = -1;
            frame = new ProcessorFrame(List.of(), List.of());
        }
        pipeline = p;
        processor = sp;
    }

    @Override
    public void detach() {
        processor = null;
        pipeline = null;
    }

    @Override
    public List<StageFrame> stages() {
        StreamProcessor sp = processor;
        Pipeline p = pipeline;
        if (sp == null || p == null) {
            return List.of(new StageFrame(StageId.PROCESSOR, false, StageState.STOPPED, "starts with the pipeline", 0,
                    "events/s", -1, -1, "Kafka Streams"));
        }
        PipelineMetrics.Snapshot s = p.metrics().snapshot();
        StageStatus status = sp.status();
        StreamProcessor.Stats stats = sp.stats();
        StageCounters events = p.metrics().counters(StreamProcessor.EVENTS);
        StageCounters poller = p.metrics().counters(Pipeline.POLLER);
        long lag = Math.max(0, stats.lag());
        double behindMs = StageFrame.trailMs(lag, poller.newestCreatedAtMicros(), events.newestCreatedAtMicros());
        String detail = StageFrame.noting(String.format(Locale.ROOT, "p99 %s · %,d alerts",
                Human.millis(s.recent(StreamProcessor.HOP).p99()), stats.alerts()), sp.skippedEvents(), "skipped");
        return List.of(new StageFrame(StageId.PROCESSOR, true, status.state(), status.message()
                + String.format(Locale.ROOT, "; %,d events processed, %,d aggregate rows, %,d anomalies, %,d late",
                stats.eventsProcessed(), stats.aggregateRowsWritten(), stats.anomalies(), stats.lateEvents()),
                s.rate(StreamProcessor.EVENTS), "events/s", lag, behindMs, detail));
    }

    @Override
    public Optional<ProcessorFrame> processor() {
        StreamProcessor sp = processor;
        if (sp == null || sp.status().state() == StageState.STOPPED) {
            return Optional.empty();
        }
        ProcessorFeed feed = sp.feed();
        synchronized (this) {
            long version = feed.version();
            if (version != seenVersion) {
                seenVersion = version;
                frame = build(feed);
            }
            return Optional.of(frame);
        }
    }

    private ProcessorFrame build(ProcessorFeed feed) {
        for (Map.Entry<String, WindowAggregate> e : feed.latestByRegion().entrySet()) {
            WindowAggregate previous = newest.put(e.getKey(), e.getValue());
            if (previous != null && previous.windowStartMs() < e.getValue().windowStartMs()) {
                complete.put(e.getKey(), previous); // a newer window began: the previous one is complete
            }
        }
        List<ProcessorFrame.RegionAggregate> regions = complete.values().stream()
                .sorted(Comparator.comparing(WindowAggregate::key))
                .map(w -> new ProcessorFrame.RegionAggregate(w.key(), w.count(), w.sum().doubleValue(), w.avg().doubleValue(),
                        w.eventsPerS()))
                .toList();
        List<ProcessorFrame.Alert> alerts = new ArrayList<>();
        for (Alert a : feed.recentAlerts()) {
            alerts.add(new ProcessorFrame.Alert(a.detectedAtMs(), a.rule(), subject(a.org(), a.region()), a.message()));
        }
        for (Anomaly a : feed.recentAnomalies()) {
            alerts.add(new ProcessorFrame.Alert(a.detectedAtMs(), "anomaly " + a.direction(), a.region(), a.message()));
        }
        alerts.sort(Comparator.comparingLong(ProcessorFrame.Alert::atMillis).reversed());
        return new ProcessorFrame(regions, List.copyOf(alerts.subList(0, Math.min(ALERTS_SHOWN, alerts.size()))));
    }

    @Override
    public Map<StageId, Double> rates() {
        Pipeline p = pipeline;
        return p == null ? Map.of() : Map.of(StageId.PROCESSOR, p.metrics().snapshot().rate(StreamProcessor.EVENTS));
    }

    @Override
    public long errors() {
        StreamProcessor sp = processor;
        return sp == null ? 0 : sp.stats().droppedRecords();
    }

    private static String subject(String org, String region) {
        if (org == null) {
            return region == null ? "" : region;
        }
        return region == null ? org : org + " · " + region;
    }

}
