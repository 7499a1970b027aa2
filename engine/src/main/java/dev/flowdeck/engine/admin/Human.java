package dev.flowdeck.engine.admin;

import java.util.Locale;

/** Numbers as people read them in previews and tables: sizes, durations, counts. */
public final class Human {
    private Human() {
    }

    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[i]);
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
