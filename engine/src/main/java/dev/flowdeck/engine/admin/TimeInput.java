package dev.flowdeck.engine.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads a point in time typed by a person: an ISO instant ({@code 2026-05-01T10:00:00Z}), a local date and time
 * ({@code 2026-05-01 10:00}, {@code 2026-05-01T10:00:30}), a date ({@code 2026-05-01}), epoch milliseconds, "now",
 * or a time ago ({@code -15m}, {@code 2h ago}).
 */
public final class TimeInput {
    private TimeInput() {
    }

    /** @throws IllegalArgumentException naming the input and the accepted forms */
    public static long parseEpochMillis(String text, ZoneId zone, long nowMillis) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("the time is empty: give e.g. 2026-05-01 10:00, -15m or 1714557600000");
        }
        if (lower.equals("now")) {
            return nowMillis;
        }
        if (lower.startsWith("-") || lower.endsWith(" ago") || lower.endsWith("ago")) {
            String d = lower.replaceFirst("^-", "").replaceFirst("\\s*ago$", "");
            return nowMillis - DurationInput.parseMillis(d, "the time ago");
        }
        if (lower.chars().allMatch(Character::isDigit) && lower.length() >= 10) {
            return Long.parseLong(lower);
        }
        try {
            return Instant.parse(t.replace(' ', 'T')).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not an instant with a zone: try a local time next
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a local date-time: try a date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not a time: give e.g. 2026-05-01 10:00, 2026-05-01T10:00:00Z, "
                    + "-15m (15 minutes ago), now, or epoch milliseconds");
        }
    }
}
