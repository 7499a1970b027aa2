package dev.flowdeck.engine.admin;

import java.util.Locale;

/** Numbers as people read them, everywhere in Flowdeck (console, previews, tables): rates, sizes, times, counts. */
public final class Human {
    private Human() {
    }

    /** 950, 9.5 k, 21.3 k, 1.20 M: rates and counts in little room, three significant digits. */
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

    /** 0.42 ms, 4.2 ms, 42 ms, 1.25 s; "–" for no value (NaN). */
    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
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

    /**
     * 512 B, 3.4 KB, 12.5 MB, 1.02 GB: decimal units (powers of 1000) everywhere in Flowdeck, as disks and network
     * rates are counted; "?" for an unknown (negative) size.
     */
    public static String bytes(long b) {
        if (b < 0) {
            return "?";
        }
        if (b < 1_000) {
            return b + " B";
        }
        if (b < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1e3);
        }
        if (b < 1_000_000_000) {
            return String.format(Locale.ROOT, b < 100_000_000 ? "%.1f MB" : "%.0f MB", b / 1e6);
        }
        if (b < 1_000_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
        }
        return String.format(Locale.ROOT, "%.2f TB", b / 1e12);
    }

    /** 0 %, 0.050 %, 2.50 %, 12.5 % (the value is already in percent). */
    public static String percent(double p) {
        return String.format(Locale.ROOT, p == 0 ? "0 %%" : p < 0.1 ? "%.3f %%" : p < 10 ? "%.2f %%" : "%.1f %%", p);
    }

    /** A duration in milliseconds, e.g. "7 d", "1 h 30 min", "250 ms"; negative means "forever". */
    public static String duration(long ms) {
        if (ms < 0) {
            return "forever";
        }
        if (ms < 1_000) {
            return ms + " ms";
        }
        long s = ms / 1_000;
        if (s < 60) {
            return ms % 1_000 == 0 ? s + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long d = s / 86_400;
        long h = s % 86_400 / 3_600;
        long m = s % 3_600 / 60;
        long rest = s % 60;
        StringBuilder out = new StringBuilder();
        if (d > 0) {
            out.append(d).append(" d ");
        }
        if (h > 0) {
            out.append(h).append(" h ");
        }
        if (m > 0 && d == 0) {
            out.append(m).append(" min ");
        }
        if (rest > 0 && d == 0 && h == 0) {
            out.append(rest).append(" s ");
        }
        return out.toString().trim();
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 record", "2 records". */
    public static String plural(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
