package dev.flowdeck.engine.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much of what Flowdeck writes into the database it keeps: the newest rows of {@code livedb} (by age and by
 * count), the processor's aggregates (by age), and the topics Flowdeck creates (by age, set when a stage starts). Live:
 * the trimmers read them on every pass.
 *
 * <p>The defaults bound the embedded database to about 1.3 GB (20 million rows of about 65 bytes) and one day, the
 * same day the change-event topic keeps: the topics Flowdeck creates follow the age ({@link #topicRetentionMs()}).
 */
public final class RetentionSettings {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    public static final long DEFAULT_MAX_ROWS = 20_000_000;
    public static final Duration MIN_AGE = Duration.ofMinutes(1);
    public static final long MIN_ROWS = 1_000;
    private static final Duration MIN_SEGMENT = Duration.ofMinutes(1);
    private static final Duration MAX_SEGMENT = Duration.ofHours(1);

    private volatile Duration maxAge = DEFAULT_MAX_AGE;
    private volatile long maxRows = DEFAULT_MAX_ROWS;

    /** Rows older than this are trimmed; {@link Duration#ZERO}: no limit by age. */
    public Duration maxAge() {
        return maxAge;
    }

    public RetentionSettings maxAge(Duration age) {
        if (age == null || !(age.isZero() || age.compareTo(MIN_AGE) >= 0)) {
            throw new SettingsException("retention age must be at least " + MIN_AGE.toMinutes()
                    + " minute, or 0 to keep rows of any age (got " + (age == null ? "nothing" : age.toSeconds() + " s") + ")");
        }
        this.maxAge = age;
        return this;
    }

    /** At most this many of the newest {@code livedb} rows are kept; 0: no limit by count. */
    public long maxRows() {
        return maxRows;
    }

    public RetentionSettings maxRows(long rows) {
        if (rows != 0 && rows < MIN_ROWS) {
            throw new SettingsException("retention rows must be at least " + MIN_ROWS
                    + ", or 0 to keep any number of rows (got " + rows + ")");
        }
        this.maxRows = rows;
        return this;
    }

    /** {@code retention.ms} for the topics Flowdeck creates: the age, or -1 (the broker's size limit only). */
    public long topicRetentionMs() {
        return maxAge.isZero() ? -1 : maxAge.toMillis();
    }

    /**
     * The topic configs that make a topic Flowdeck creates keep what this setting says: {@code retention.ms}, and a
     * {@code segment.ms} of a tenth of the age (1 min to 1 h). Kafka deletes only whole closed segments, so without it
     * a topic keeps its active segment, up to the broker's segment size (64 MB per partition embedded) or 7 days,
     * however short the age: at 5 minutes and 5,000 events/s the topic would keep about 25 minutes.
     */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("retention.ms", Long.toString(topicRetentionMs()));
        if (!maxAge.isZero()) {
            long segmentMs = Math.max(MIN_SEGMENT.toMillis(), Math.min(MAX_SEGMENT.toMillis(), maxAge.toMillis() / 10));
            configs.put("segment.ms", Long.toString(segmentMs));
        }
        return configs;
    }

    public boolean keepsEverything() {
        return maxAge.isZero() && maxRows == 0;
    }

    /** E.g. {@code 24 h or 20,000,000 rows}. */
    public String describe() {
        if (keepsEverything()) {
            return "everything (no retention)";
        }
        String age = maxAge.isZero() ? "" : human(maxAge);
        String rows = maxRows == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d rows", maxRows);
        return age.isEmpty() ? rows : rows.isEmpty() ? age : age + " or " + rows;
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
