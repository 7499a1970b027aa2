package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.admin.LagHistory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each stage's backlog over the session, sampled once a second from the frames as the {@link FrameBuilder} makes them
 * (10-25 a second), so the FX thread only shows a trend already worked out. Used by the sampler's thread alone; what
 * it hands on ({@link LagHistory.Trend} in an immutable {@link StageFrame}) reaches the FX thread through the frame.
 */
public final class StageTrends {
    private final LagHistory lag = new LagHistory(1_800);
    private final Map<String, Long> lastSampleMillis = new HashMap<>();

    /** The frame with its stage's trend, after taking a sample if a second has passed; unchanged without a backlog. */
    public StageFrame stamp(StageFrame f, long nowMillis) {
        if (f.behindItems() < 0 || !f.state().isActive()) {
            return f;
        }
        String key = f.id().key();
        long last = lastSampleMillis.getOrDefault(key, Long.MIN_VALUE / 2); // far past, without overflow in now - last
        if (nowMillis - last >= 1_000 && !Double.isNaN(f.behindMs())) {
            lastSampleMillis.put(key, nowMillis);
            lag.record(key, nowMillis, f.behindItems(), Math.round(Math.max(0, f.behindMs())));
        }
        return f.withTrend(lag.trend(key));
    }

    /** Forgets every sample: a new pipeline's backlog says nothing about the last one's. */
    void clear() {
        lag.retain(List.of());
        lastSampleMillis.clear();
    }
}
