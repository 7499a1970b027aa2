package dev.flowdeck.engine.cdc.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What to capture and how.
 *
 * @param tables          the tables to capture; each needs a primary key
 * @param topicPrefix     topics are {@code <prefix>.<schema>.<table>}; {@code flowdeck} by default
 * @param tombstones      a tombstone (null value) follows each delete
 * @param slotName        PostgreSQL: the replication slot Flowdeck creates and keeps between runs (slots are per server,
 *                        so the default carries the database's name: {@link #defaultSlotName})
 * @param publicationName PostgreSQL: the publication of the chosen tables
 * @param dataDir         where the capture may keep local files (Debezium's schema history is not needed for PostgreSQL)
 * @param pollInterval    how long the capture waits for new changes before looking again: the floor of its latency
 * @param offsetsTopic    the compacted topic holding the committed source positions, written in the same Kafka
 *                        transaction as the events
 */
public record CaptureSettings(List<TableId> tables, String topicPrefix, boolean tombstones, String slotName,
                              String publicationName, Path dataDir, Duration pollInterval, String offsetsTopic) {
    public static final String DEFAULT_PUBLICATION = "flowdeck_capture";
    public static final String DEFAULT_OFFSETS_TOPIC = "flowdeck_capture_offsets";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(10);

    public CaptureSettings {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no table to capture: name at least one, e.g. public.orders");
        }
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? TableId.DEFAULT_TOPIC_PREFIX : topicPrefix.trim();
        if (!topicPrefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix '" + topicPrefix + "' may hold only letters, digits, '.', '_' and '-'");
        }
        publicationName = publicationName == null || publicationName.isBlank() ? DEFAULT_PUBLICATION : publicationName;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        offsetsTopic = offsetsTopic == null || offsetsTopic.isBlank() ? DEFAULT_OFFSETS_TOPIC : offsetsTopic;
        if (slotName != null && !slotName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("slot name '" + slotName + "' may hold only lower-case letters, digits and"
                    + " underscores (at most 63)");
        }
    }

    /** Default settings for these tables: prefix {@code flowdeck}, tombstones on, default slot and publication. */
    public static CaptureSettings of(List<TableId> tables, Path dataDir) {
        return new CaptureSettings(tables, null, true, null, null, dataDir, null, null);
    }

    public CaptureSettings withTopicPrefix(String prefix) {
        return new CaptureSettings(tables, prefix, tombstones, slotName, publicationName, dataDir, pollInterval, offsetsTopic);
    }

    public CaptureSettings withTombstones(boolean on) {
        return new CaptureSettings(tables, topicPrefix, on, slotName, publicationName, dataDir, pollInterval, offsetsTopic);
    }

    public CaptureSettings withSlotName(String slot) {
        return new CaptureSettings(tables, topicPrefix, tombstones, slot, publicationName, dataDir, pollInterval, offsetsTopic);
    }

    public CaptureSettings withPublicationName(String publication) {
        return new CaptureSettings(tables, topicPrefix, tombstones, slotName, publication, dataDir, pollInterval, offsetsTopic);
    }

    public CaptureSettings withPollInterval(Duration interval) {
        return new CaptureSettings(tables, topicPrefix, tombstones, slotName, publicationName, dataDir, interval, offsetsTopic);
    }

    public CaptureSettings withOffsetsTopic(String topic) {
        return new CaptureSettings(tables, topicPrefix, tombstones, slotName, publicationName, dataDir, pollInterval, topic);
    }

    /** The topic of one table. */
    public String topicOf(TableId table) {
        return table.topic(topicPrefix);
    }

    /** The slot for a database: the one set here, else {@code flowdeck_<database>} (slots are shared by a server). */
    public String slotFor(String database) {
        return slotName != null ? slotName : defaultSlotName(database);
    }

    public static String defaultSlotName(String database) {
        String s = ("flowdeck_" + database).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return s.length() > 63 ? s.substring(0, 63) : s;
    }
}
