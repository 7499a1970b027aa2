package dev.flowdeck.app.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h}, or a bare number of seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** Longer runs are typos, and would overflow the nanosecond clocks they are added to. */
    static final Duration MAX = Duration.ofDays(365);
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 2m, 500ms or 1h");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (millis > MAX.toMillis()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is longer than the longest allowed duration, 8760h (a year)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
