package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.admin.ClusterWatch;
import dev.flowdeck.engine.cdc.LiveEventReader;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.PipelineMetrics;
import dev.flowdeck.engine.metrics.StageCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns the session's state and the engine's counters into a {@link ConsoleFrame}. Runs on the sampler's thread only
 * (it keeps the tiles' histories), reads snapshots and counters, and never blocks on a worker for long.
 */
public final class FrameBuilder {
        static final int HISTORY = 120;
    private static final long ERROR_WINDOW_MS = 5_000;

    private final ConsoleSession session;
    private final List<LiveExtension> extensions = new CopyOnWriteArrayList<>();

    private final History eventsRate = new History(HISTORY);
    private final History errorRate = new History(HISTORY);
    private final History avg = new History(HISTORY);
    private final History p99 = new History(HISTORY);
    private final History rows = new History(HISTORY);
    private final History events = new History(HISTORY);
    private final History bytes = new History(HISTORY);
    private final StageTrends trends = new StageTrends();
    private final java.util.ArrayDeque<long[]> errorSamples = new java.util.ArrayDeque<>();
    private long lastMetricsAt = -1;
    private Pipeline lastPipeline;
    private Tiles tiles = Tiles.EMPTY;
    /** Counter-derived "behind" figures, taken when the metrics roll, so frames between rolls show the same numbers. */
    private long[] behindItems = {0, 0};
    private double[] behindMs = {0, 0};

    public FrameBuilder(ConsoleSession session) {
        this.session = session;
    }

    public void addExtension(LiveExtension extension) {
        extensions.add(extension);
    }

    public ConsoleFrame build(long nowMillis) {
        ConsoleSession.Status status = session.status();
        Optional<Pipeline> pipeline = session.pipeline();

        List<StageFrame> stages = new ArrayList<>();
        Map<StageId, Double> rates = new LinkedHashMap<>();
        Hops hops = Hops.EMPTY;
        long metricsAt = lastMetricsAt;
        if (pipeline.isPresent()) {
            Pipeline p = pipeline.get();
            if (p != lastPipeline) {
                lastPipeline = p;
                resetHistories();
            }
            PipelineMetrics.Snapshot s = p.metrics().snapshot();
            metricsAt = s.atMillis();
            hops = new Hops(s.recent(Pipeline.HOP_CAPTURE), s.recent(Pipeline.HOP_KAFKA), s.recent(Pipeline.HOP_END_TO_END));
            if (metricsAt != lastMetricsAt) {
                takeBehind(p);
                tiles = tiles(p, s, hops, nowMillis);
            }
            coreStages(p, s, status, hops, stages, rates);
        } else {
            lastPipeline = null;
            offlineStages(status, stages);
        }
        lastMetricsAt = metricsAt;

        Optional<ProcessorFrame> processor = Optional.empty();
        Optional<TiersFrame> tiers = Optional.empty();
        for (LiveExtension e : extensions) {
            stages.addAll(e.stages());
            rates.putAll(e.rates());
            processor = processor.or(e::processor);
            tiers = tiers.or(e::tiers);
        }
        addMissing(stages);
        stages.sort(java.util.Comparator.comparingInt(f -> StageId.DIAGRAM.indexOf(f.id())));
        stages.replaceAll(f -> trends.stamp(f, nowMillis));
        return new ConsoleFrame(nowMillis, metricsAt, status, pipeline.isPresent(), List.copyOf(stages), tiles, hops,
                Map.copyOf(rates), processor, tiers);
    }

    private void coreStages(Pipeline p, PipelineMetrics.Snapshot s, ConsoleSession.Status status, Hops hops,
                            List<StageFrame> out, Map<StageId, Double> rates) {
        PipelineSettings settings = p.settings();
        double writerRate = s.rate(Pipeline.WRITER);
        double pollerRate = s.rate(Pipeline.POLLER);
        double readerRate = s.rate(Pipeline.READER);
        rates.put(StageId.WRITER, writerRate);
        rates.put(StageId.POLLER, pollerRate);
        rates.put(StageId.READER, readerRate);

        StageStatus w = p.writer().status();
        String target = settings.maxRate() ? "target: max rate" : "target " + number(settings.targetRowsPerSecond()) + " rows/s";
        out.add(new StageFrame(StageId.WRITER, true, w.state(), w.message(), writerRate, "rows/s",
                -1, -1, target));

        StageStatus db = status.database();
        out.add(new StageFrame(StageId.DATABASE, false, db.state(), db.message(), writerRate, "rows/s", -1, -1,
                number(tiles.rows()) + " rows written"));

        StageStatus ps = p.poller().status();
        out.add(new StageFrame(StageId.POLLER, true, ps.state(), ps.message(), pollerRate, "events/s",
                behindItems[0], behindMs[0], "capture p99 " + Human.millis(hops.capture().p99())));

        LiveEventReader r = session.reader().orElse(null);
        StageStatus broker = status.broker();
        StageStatus rs = r == null ? StageStatus.stopped() : r.status();
        StageStatus kafka = StageStatus.worse(broker, rs);
        String kafkaMessage = broker.message() + (rs.state() == StageState.RUNNING ? "" : "; reader: " + rs.message());
        // A failover on a real cluster: the broker we talk to is fine, but a partition's leader is moving.
        StageStatus cluster = p.stage(ClusterWatch.ID).map(dev.flowdeck.engine.Stage::status).orElse(StageStatus.stopped());
        if (cluster.state() == StageState.DEGRADED && kafka.state() == StageState.RUNNING) {
            kafka = cluster;
            kafkaMessage = cluster.message();
        }
        out.add(new StageFrame(StageId.READER, r != null, kafka.state(), kafkaMessage, readerRate,
                "events/s", behindItems[1], behindMs[1], StageFrame.noting("delivery p99 " + Human.millis(hops.kafka().p99()),
                r == null ? 0 : r.unreadable(), "unreadable")));
    }

    /** How far the poller trails the writer and the reader trails the poller, in items and in time. */
    private void takeBehind(Pipeline p) {
        StageCounters writer = p.metrics().counters(Pipeline.WRITER);
        StageCounters poller = p.metrics().counters(Pipeline.POLLER);
        StageCounters reader = p.metrics().counters(Pipeline.READER);
        long pollerBehind = Math.max(0, writer.items() - poller.items());
        behindItems[0] = pollerBehind;
        behindMs[0] = StageFrame.trailMs(pollerBehind, writer.newestCreatedAtMicros(), poller.newestCreatedAtMicros());
        long readerBehind = session.reader().map(LiveEventReader::lagEvents).orElse(0L);
        behindItems[1] = readerBehind;
        behindMs[1] = StageFrame.trailMs(readerBehind, poller.newestCreatedAtMicros(), reader.newestCreatedAtMicros());
    }

    private void offlineStages(ConsoleSession.Status status, List<StageFrame> out) {
        String why = status.phase() == ConsoleSession.Phase.FAILED ? "not started: " + status.message() : status.message();
        StageState idle = StageState.STOPPED;
        out.add(new StageFrame(StageId.WRITER, false, idle, why, 0, "rows/s", -1, -1, "pipeline not running"));
        out.add(new StageFrame(StageId.DATABASE, false, status.database().state(), status.database().message(), 0,
                "rows/s", -1, -1, ""));
        out.add(new StageFrame(StageId.POLLER, false, idle, why, 0, "events/s", -1, -1, "pipeline not running"));
        out.add(new StageFrame(StageId.READER, false, status.broker().state(), status.broker().message(), 0, "events/s",
                -1, -1, ""));
    }

    private static void addMissing(List<StageFrame> stages) {
        for (StageId id : List.of(StageId.PROCESSOR, StageId.EDGE, StageId.CLOUD)) {
            if (stages.stream().noneMatch(f -> f.id().equals(id))) {
                stages.add(new StageFrame(id, false, StageState.STOPPED, id.title() + " is not part of this build yet",
                        0, "events/s", -1, -1, "not available"));
            }
        }
    }

    private Tiles tiles(Pipeline p, PipelineMetrics.Snapshot s, Hops hops, long nowMillis) {
        long written = p.metrics().counters(Pipeline.WRITER).items();
        StageCounters poller = p.metrics().counters(Pipeline.POLLER);
        long published = poller.items();
        long errors = 0;
        for (StageCounters c : p.metrics().allCounters().values()) {
            errors += c.errors();
        }
        for (LiveExtension e : extensions) {
            errors += e.errors();
        }
        double errorPct = errorPercent(nowMillis, errors, published);
        LatencyRecorder.Summary e2e = hops.endToEnd();
        eventsRate.add(s.rate(Pipeline.POLLER));
        errorRate.add(errorPct);
        avg.add(e2e.mean());
        p99.add(e2e.p99());
        rows.add(written);
        events.add(published);
        bytes.add(poller.bytes());
        return new Tiles(s.rate(Pipeline.POLLER), errorPct, e2e.mean(), e2e.p99(), written, published, poller.bytes(),
                eventsRate.toArray(), errorRate.toArray(), avg.toArray(), p99.toArray(), rows.toArray(), events.toArray(),
                bytes.toArray());
    }

    /** Errors as a share of (events + errors) over the last {@link #ERROR_WINDOW_MS}. */
    private double errorPercent(long now, long errors, long events) {
        errorSamples.addLast(new long[] {now, errors, events});
        while (errorSamples.size() > 1 && errorSamples.peekFirst()[0] < now - ERROR_WINDOW_MS) {
            errorSamples.removeFirst();
        }
        long[] first = errorSamples.peekFirst();
        long dErrors = Math.max(0, errors - first[1]);
        long dEvents = Math.max(0, events - first[2]);
        return dErrors + dEvents == 0 ? 0 : 100.0 * dErrors / (dErrors + dEvents);
    }

    private void resetHistories() {
        for (History h : List.of(eventsRate, errorRate, avg, p99, rows, events, bytes)) {
            h.clear();
        }
        errorSamples.clear();
        trends.clear();
        tiles = Tiles.EMPTY;
    }

    static String number(double v) {
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

}
