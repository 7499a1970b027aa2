package dev.flowdeck.app.ui.pipeline;

import java.util.Locale;

/** How the console writes numbers: thousands separators, k/M for rates, units always shown. */
public final class Formats {
    private Formats() {
    }

    /** 950, 9.5 k, 21.3 k, 1.20 M. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v)) {
            return "–";
        }
        if (a < 1_000) {
            return String.format(Locale.ROOT, a < 10 && a != Math.rint(a) ? "%.1f" : "%.0f", v);
        }
        if (a < 1_000_000) {
            return String.format(Locale.ROOT, a < 10_000 ? "%.2f k" : a < 100_000 ? "%.1f k" : "%.0f k", v / 1_000);
        }
        if (a < 1_000_000_000) {
            return String.format(Locale.ROOT, a < 10_000_000 ? "%.2f M" : "%.1f M", v / 1_000_000);
        }
        return String.format(Locale.ROOT, "%.2f G", v / 1_000_000_000);
    }

    /** 1,234,567. */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** 0.42 ms, 4.2 ms, 42 ms, 1.25 s. */
    public static String millis(double ms) {
        if (ms == 0) {
            return "0 ms";
        }
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1_000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, ms < 60_000 ? "%.2f s" : "%.0f s", ms / 1000);
    }

    /** 512 B, 3.4 KB, 12.5 MB, 1.02 GB (powers of 1000). */
    public static String bytes(long b) {
        if (b < 1_000) {
            return b + " B";
        }
        if (b < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1e3);
        }
        if (b < 1_000_000_000) {
            return String.format(Locale.ROOT, b < 100_000_000 ? "%.1f MB" : "%.0f MB", b / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
    }

    public static String percent(double p) {
        return String.format(Locale.ROOT, p == 0 ? "0 %%" : p < 0.1 ? "%.3f %%" : p < 10 ? "%.2f %%" : "%.1f %%", p);
    }

    /** Rounds a slider position to two significant digits: 1, 2, ..., 99, 100, 110, ..., 2,000, 2,100. */
    public static long nice(double v) {
        if (v < 100) {
            return Math.max(1, Math.round(v));
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        return Math.round(Math.round(v / magnitude) * magnitude);
    }
}
