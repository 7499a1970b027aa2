package dev.flowdeck.app.ui.charts;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.FrameSink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Fills a few rolling series from frames, one point per series each time the engine's metrics roll (so a frame that
 * repeats the same snapshot adds nothing). Runs on the sampler's thread. A series whose value is absent (NaN) in a
 * frame gets no point.
 */
public final class TimeSeriesFeed implements FrameSink {
    /** Capacity of each series: two minutes at the engine's four rolls a second, plus headroom. */
    public static final int CAPACITY = 600;

    private final Map<String, RollingSeries> series = new LinkedHashMap<>();
    private final Map<String, ToDoubleFunction<ConsoleFrame>> values = new LinkedHashMap<>();
    private final Function<ConsoleFrame, Boolean> active;
    private long lastMetricsAt = -1;

    /** @param active whether this frame carries data for the chart at all (e.g. the pipeline is running) */
    public TimeSeriesFeed(Function<ConsoleFrame, Boolean> active) {
        this.active = active;
    }

    public TimeSeriesFeed series(String name, ToDoubleFunction<ConsoleFrame> value) {
        series.put(name, new RollingSeries(name, CAPACITY));
        values.put(name, value);
        return this;
    }

    public List<RollingSeries> all() {
        return List.copyOf(series.values());
    }

    @Override
    public void accept(ConsoleFrame frame) {
        if (frame.metricsAtMillis() == lastMetricsAt || !active.apply(frame)) {
            return;
        }
        lastMetricsAt = frame.metricsAtMillis();
        double t = frame.metricsAtMillis() / 1000.0;
        values.forEach((name, f) -> {
            double v = f.applyAsDouble(frame);
            if (!Double.isNaN(v)) {
                series.get(name).add(t, v);
            }
        });
    }
}
