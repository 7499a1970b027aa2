package dev.flowdeck.app.ui.charts;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.FrameSink;
import dev.flowdeck.app.ui.live.ProcessorFrame;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.util.List;
import java.util.function.Consumer;

/**
 * The processor's per-region aggregates of the last window as bars (events in the window per region). The region
 * names go to the category axis through {@code onCategories} (which the view runs on the FX thread).
 */
public final class RegionFeed implements FrameSink {
    private final DoubleDataSet counts = new DoubleDataSet("events in window");
    private final Consumer<List<String>> onCategories;
    private List<ProcessorFrame.RegionAggregate> last = List.of();
    private List<String> categories = List.of();

    public RegionFeed(Consumer<List<String>> onCategories) {
        this.onCategories = onCategories;
    }

    public DoubleDataSet counts() {
        return counts;
    }

    @Override
    public void accept(ConsoleFrame frame) {
        List<ProcessorFrame.RegionAggregate> regions = frame.processor().map(ProcessorFrame::regions).orElse(List.of());
        if (regions.equals(last)) {
            return;
        }
        last = regions;
        List<String> names = regions.stream().map(ProcessorFrame.RegionAggregate::region).toList();
        if (!names.equals(categories)) {
            categories = names;
            onCategories.accept(names);
        }
        double[] x = new double[regions.size()];
        double[] y = new double[regions.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = regions.get(i).count();
        }
        counts.lock().writeLockGuard(() -> counts.set(x, y));
    }
}
