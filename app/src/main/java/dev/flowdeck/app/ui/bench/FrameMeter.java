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
                longestGap = Math.max(longestGap, t - last);
                frames++;
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
