package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.app.ui.charts.LoadCurveFeed;
import dev.flowdeck.app.ui.charts.RegionFeed;
import dev.flowdeck.app.ui.charts.TimeSeriesFeed;
import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.ConsoleSampler;
import dev.flowdeck.app.ui.live.TiersFrame;
import javafx.application.Platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The data behind the Pipeline page's charts: feeds that the sampler fills on its own thread (never the FX thread),
 * created once and kept while the page is hidden, so a chart shows its history when the page comes back.
 */
final class PipelineCharts {
    final TimeSeriesFeed rates = new TimeSeriesFeed(ConsoleFrame::pipelineRunning)
            .series("writer", f -> f.rates().getOrDefault(StageId.WRITER, Double.NaN))
            .series("poller", f -> f.rates().getOrDefault(StageId.POLLER, Double.NaN))
            .series("Kafka", f -> f.rates().getOrDefault(StageId.READER, Double.NaN))
            .series("processor", f -> f.rates().getOrDefault(StageId.PROCESSOR, Double.NaN))
            .series("edge", f -> f.rates().getOrDefault(StageId.EDGE, Double.NaN))
            .series("cloud", f -> f.rates().getOrDefault(StageId.CLOUD, Double.NaN));
    final TimeSeriesFeed latency = new TimeSeriesFeed(f -> f.pipelineRunning() && f.hops().endToEnd().count() > 0)
            .series("end-to-end p50", f -> f.hops().endToEnd().p50())
            .series("end-to-end p99", f -> f.hops().endToEnd().p99())
            .series("capture p99", f -> f.hops().capture().p99())
            .series("Kafka p99", f -> f.hops().kafka().p99());
    final TimeSeriesFeed tierLatency = new TimeSeriesFeed(f -> f.tiers().isPresent())
            .series("edge p50", f -> tier(f, true, TiersFrame.Tier::p50Ms))
            .series("edge p99", f -> tier(f, true, TiersFrame.Tier::p99Ms))
            .series("cloud p50", f -> tier(f, false, TiersFrame.Tier::p50Ms))
            .series("cloud p99", f -> tier(f, false, TiersFrame.Tier::p99Ms));
    final LoadCurveFeed load = new LoadCurveFeed();
    private final List<Consumer<List<String>>> categoryListeners = new CopyOnWriteArrayList<>();
    final RegionFeed regions = new RegionFeed(names -> Platform.runLater(() -> categoryListeners.forEach(l -> l.accept(names))));

    PipelineCharts(ConsoleSampler sampler) {
        sampler.addSink(rates);
        sampler.addSink(latency);
        sampler.addSink(tierLatency);
        sampler.addSink(load);
        sampler.addSink(regions);
    }

    void onRegionNames(Consumer<List<String>> listener) {
        categoryListeners.add(listener);
    }

    private static double tier(ConsoleFrame f, boolean edge, java.util.function.ToDoubleFunction<TiersFrame.Tier> value) {
        return f.tiers().map(t -> {
            TiersFrame.Tier tier = edge ? t.edge() : t.cloud();
            return tier.completed() == 0 ? Double.NaN : value.applyAsDouble(tier);
        }).orElse(Double.NaN);
    }
}
