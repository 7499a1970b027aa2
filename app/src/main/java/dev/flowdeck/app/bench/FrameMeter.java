package dev.flowdeck.app.bench;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures how smoothly the FX thread runs. An AnimationTimer runs at the start of every pulse and a post-layout
 * listener of the scene at the end of its CSS and layout passes, so the meter sees:
 * <ul>
 *   <li>frames: pulses per second;</li>
 *   <li>the longest pulse: the most time the FX thread spent in one pulse, from its animation phase to the end of
 *       its layout (a GC pause or a wait for a CPU inside the pulse counts);</li>
 *   <li>the longest gap: the most time between the starts of two pulses, i.e. the longest the picture stood still
 *       (it also counts pauses between pulses).</li>
 * </ul>
 * Start and stop on the FX thread.
 */
public final class FrameMeter {
    /** What was measured between start and stop. */
    public record Result(long frames, double seconds, double fps, double longestPulseMs, double longestGapMs) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FrameMeter.class);
    private static final long LONG_GAP_NANOS = 80_000_000L;
    private final Scene scene;
    private final Runnable pulseEnd = this::pulseEnded;
    private long frames;
    private long first;
    private long last;
    private long pulseStart;
    private long longestGap;
    private long longestPulse;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            pulseStart = t;
            if (first == 0) {
                first = t;
            } else {
                long gap = t - last;
                longestGap = Math.max(longestGap, gap);
                frames++;
                if (gap > LONG_GAP_NANOS) {
                    LOG.debug("long frame gap {} ms ending at uptime {} ms", gap / 1_000_000,
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                }
            }
            last = t;
        }
    };

    public FrameMeter(Scene scene) {
        this.scene = scene;
    }

    private void pulseEnded() {
        if (pulseStart != 0) {
            longestPulse = Math.max(longestPulse, System.nanoTime() - pulseStart);
            pulseStart = 0;
        }
    }

    public void start() {
        frames = 0;
        first = 0;
        longestGap = 0;
        longestPulse = 0;
        pulseStart = 0;
        scene.addPostLayoutPulseListener(pulseEnd);
        timer.start();
    }

    public Result stop() {
        timer.stop();
        scene.removePostLayoutPulseListener(pulseEnd);
        double seconds = first == 0 ? 0 : (last - first) / 1e9;
        return new Result(frames, seconds, seconds <= 0 ? 0 : frames / seconds, longestPulse / 1e6, longestGap / 1e6);
    }
}
