package dev.flowdeck.engine.admin;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration typed by a person: "7d", "12h", "30 min", "45s", "250ms", a number of milliseconds, or "forever". */
public final class DurationInput {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|sec|min|s|m|h|d|w)?");

    private DurationInput() {
    }

    /**
     * Milliseconds, or -1 for "forever".
     *
     * @throws IllegalArgumentException with a message naming the input and the accepted forms
     */
    public static long parseMillis(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("forever") || t.equals("-1") || t.equals("infinite") || t.equals("unlimited")) {
            return -1;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: give a duration such as 7d, 12h, 30min, or 'forever'");
        }
        String compact = t.replace(" ", "");
        Matcher m = PART.matcher(compact);
        double total = 0;
        int at = 0;
        while (at < compact.length() && m.find(at) && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            total += v * switch (unit) {
                case "s", "sec" -> 1_000L;
                case "m", "min" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 1L;
            };
            at = m.end();
        }
        if (at != compact.length()) {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is not a duration: give e.g. 7d, 12h, 30min, 45s, "
                    + "250ms, a number of milliseconds, or 'forever'");
        }
        if (total > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is too long: use 'forever' instead");
        }
        return Math.round(total);
    }
}
