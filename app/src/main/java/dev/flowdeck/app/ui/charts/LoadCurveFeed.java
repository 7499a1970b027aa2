package dev.flowdeck.app.ui.charts;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.FrameSink;
import dev.flowdeck.app.ui.live.TiersFrame;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.util.List;

/**
 * Throughput against latency: the tiers' live (throughput, mean latency) points, the last sweep's measured points,
 * and the queueing-theory mean at the same loads, drawn as a line. Runs on the sampler's thread.
 */
public final class LoadCurveFeed implements FrameSink {
    private static final int LIVE_POINTS = 240;
    private final RollingSeries edgeLive = new RollingSeries("edge (live)", LIVE_POINTS);
    private final RollingSeries cloudLive = new RollingSeries("cloud (live)", LIVE_POINTS);
    private final DoubleDataSet sweep = new DoubleDataSet("sweep (measured)");
    private final DoubleDataSet theory = new DoubleDataSet("queueing theory");
    private long lastMetricsAt = -1;
    private List<TiersFrame.SweepPoint> lastSweep = List.of();

    public List<RollingSeries> live() {
        return List.of(edgeLive, cloudLive);
    }

    public DoubleDataSet sweep() {
        return sweep;
    }

    public DoubleDataSet theory() {
        return theory;
    }

    @Override
    public void accept(ConsoleFrame frame) {
        if (frame.tiers().isEmpty() || frame.metricsAtMillis() == lastMetricsAt) {
            return;
        }
        lastMetricsAt = frame.metricsAtMillis();
        TiersFrame t = frame.tiers().get();
        if (t.edge().completed() > 0 && t.edge().throughputPerS() > 0) {
            edgeLive.add(t.edge().throughputPerS(), t.edge().meanMs());
        }
        if (t.cloud().completed() > 0 && t.cloud().throughputPerS() > 0) {
            cloudLive.add(t.cloud().throughputPerS(), t.cloud().meanMs());
        }
        if (!t.sweep().equals(lastSweep)) {
            lastSweep = t.sweep();
            List<TiersFrame.SweepPoint> pts = t.sweep().stream()
                    .sorted(java.util.Comparator.comparingDouble(TiersFrame.SweepPoint::offeredPerS)).toList();
            double[] x = pts.stream().mapToDouble(TiersFrame.SweepPoint::throughputPerS).toArray();
            double[] y = pts.stream().mapToDouble(TiersFrame.SweepPoint::meanMs).toArray();
            double[] tx = pts.stream().filter(p -> Double.isFinite(p.theoryMeanMs())).mapToDouble(TiersFrame.SweepPoint::offeredPerS).toArray();
            double[] ty = pts.stream().filter(p -> Double.isFinite(p.theoryMeanMs())).mapToDouble(TiersFrame.SweepPoint::theoryMeanMs).toArray();
            sweep.lock().writeLockGuard(() -> sweep.set(x, y));
            theory.lock().writeLockGuard(() -> theory.set(tx, ty));
        }
    }
}
