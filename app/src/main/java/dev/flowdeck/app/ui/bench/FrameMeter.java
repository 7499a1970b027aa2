package dev.flowdeck.app.ui.bench;

import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the FX thread runs: an AnimationTimer sees every pulse, so pulses per second is the frame
 * rate and the longest gap between two pulses bounds the longest pulse (layout, CSS, render hand-off) from above.
 * Start and stop on the FX thread.
 */
public final class FrameMeter {
    /** What was measured between start and stop. */
    public record Result(long frames, double seconds, double fps, double longestGapMs) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FrameMeter.class);
    private static final long LONG_GAP_NANOS = 80_000_000L;
    private long frames;
    private long first;
    private long last;
    private long longestGap;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (first == 0) {
                first = t;
            } else {
                long gap = t - last;
                longestGap = Math.max(longestGap, gap);
                frames++;
                if (gap > LONG_GAP_NANOS) {
                    long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                    LOG.debug("long frame gap {} ms ending at uptime {} ms", gap / 1_000_000, uptime);
                }
            }
            last = t;
        }
    };

    public void start() {
        frames = 0;
        first = 0;
        longestGap = 0;
        timer.start();
    }

    public Result stop() {
        timer.stop();
        double seconds = first == 0 ? 0 : (last - first) / 1e9;
        return new Result(frames, seconds, seconds <= 0 ? 0 : frames / seconds, longestGap / 1e6);
    }
}
