package dev.flowdeck.app.ui.charts;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.FrameSink;
import dev.flowdeck.app.ui.live.TiersFrame;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.util.List;

/**
 * Throughput against latency, per tier: live points (completions per second, mean time in the tier), the last
 * sweep's measured points, and the queueing-theory curve of the tier's current settings. Runs on the sampler's thread.
 */
public final class LoadCurveFeed implements FrameSink {
    private static final int LIVE_POINTS = 240;
    private final RollingSeries edgeLive = new RollingSeries("edge", LIVE_POINTS);
    private final RollingSeries cloudLive = new RollingSeries("cloud", LIVE_POINTS);
    private final DoubleDataSet edgeSweep = new DoubleDataSet("edge (sweep)");
    private final DoubleDataSet cloudSweep = new DoubleDataSet("cloud (sweep)");
    private final DoubleDataSet edgeTheory = new DoubleDataSet("edge (theory)");
    private final DoubleDataSet cloudTheory = new DoubleDataSet("cloud (theory)");
    private long lastMetricsAt = -1;
    private List<TiersFrame.SweepPoint> lastSweep = List.of();
    private List<TiersFrame.Curve> lastTheory = List.of();

    public List<RollingSeries> live() {
        return List.of(edgeLive, cloudLive);
    }

    public List<DoubleDataSet> sweep() {
        return List.of(edgeSweep, cloudSweep);
    }

    public List<DoubleDataSet> theory() {
        return List.of(edgeTheory, cloudTheory);
    }

    @Override
    public void accept(ConsoleFrame frame) {
        if (frame.tiers().isEmpty()) {
            return;
        }
        TiersFrame t = frame.tiers().get();
        if (frame.metricsAtMillis() != lastMetricsAt) {
            lastMetricsAt = frame.metricsAtMillis();
            live(edgeLive, t.edge());
            live(cloudLive, t.cloud());
        }
        if (!t.sweep().equals(lastSweep)) {
            lastSweep = t.sweep();
            points(edgeSweep, "edge", lastSweep);
            points(cloudSweep, "cloud", lastSweep);
        }
        if (!t.theory().equals(lastTheory)) {
            lastTheory = t.theory();
            for (TiersFrame.Curve c : lastTheory) {
                DoubleDataSet ds = c.tier().equals("edge") ? edgeTheory : cloudTheory;
                ds.lock().writeLockGuard(() -> ds.set(c.throughputPerS(), c.meanMs()));
            }
        }
    }

    private static void live(RollingSeries series, TiersFrame.Tier tier) {
        if (tier.completed() > 0 && tier.throughputPerS() > 0 && tier.tierMeanMs() > 0) {
            series.add(tier.throughputPerS(), tier.tierMeanMs());
        }
    }

    private static void points(DoubleDataSet ds, String tier, List<TiersFrame.SweepPoint> sweep) {
        List<TiersFrame.SweepPoint> pts = sweep.stream().filter(p -> p.tier().equals(tier))
                .sorted(java.util.Comparator.comparingDouble(TiersFrame.SweepPoint::throughputPerS)).toList();
        double[] x = pts.stream().mapToDouble(TiersFrame.SweepPoint::throughputPerS).toArray();
        double[] y = pts.stream().mapToDouble(TiersFrame.SweepPoint::meanMs).toArray();
        ds.lock().writeLockGuard(() -> ds.set(x, y));
    }
}
