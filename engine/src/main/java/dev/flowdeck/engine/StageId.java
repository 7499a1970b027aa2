package dev.flowdeck.engine;

import java.util.List;
import java.util.Objects;

/**
 * The one identity of a stage, from the engine to a chart: its metric key (counters, rates, the console's frames,
 * charts and buttons), its worker threads' name ({@code flowdeck-<thread>}) and the title people read.
 * Stages of one kind that come in numbers (a captured table each) are made with {@link #of}.
 *
 * @param key    the metric key and the console's id of the stage, e.g. {@code poller}
 * @param thread the worker threads' name without the {@code flowdeck-} prefix, e.g. {@code cdc-poller}
 * @param title  e.g. "CDC poller"
 */
public record StageId(String key, String thread, String title) {
    public static final StageId WRITER = new StageId("writer", "burst-writer", "Burst writer");
    /** Not a stage of its own: the database box between the writer and the poller. */
    public static final StageId DATABASE = new StageId("database", "database", "Database");
    public static final StageId POLLER = new StageId("poller", "cdc-poller", "CDC poller");
    /** The console's live reader of the change-event topic: the "Kafka" box. */
    public static final StageId READER = new StageId("kafka", "kafka-reader", "Kafka");
    public static final StageId VERIFIER = new StageId("verifier", "verifier", "Verifier");
    public static final StageId PROCESSOR = new StageId("processor", "stream-processor", "Processor");
    /** The edge tier; its feed is the stage the console starts and stops. */
    public static final StageId EDGE = new StageId("edge", "tier-feed-edge", "Edge tier");
    public static final StageId CLOUD = new StageId("cloud", "tier-feed-cloud", "Cloud tier");
    public static final StageId EDGE_ENDPOINT = new StageId("edge-http", "http-edge", "Edge endpoint");
    public static final StageId CLOUD_ENDPOINT = new StageId("cloud-http", "http-cloud", "Cloud endpoint");
    public static final StageId TIER_LOOP = new StageId("tiers", "tiers", "Tier event loop");

    /** The boxes of the console's pipeline diagram, in the order data flows through them. */
    public static final List<StageId> DIAGRAM = List.of(WRITER, DATABASE, POLLER, READER, PROCESSOR, EDGE, CLOUD);

    public StageId {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(title, "title");
    }

    /** A stage whose metric key and thread name are the same, e.g. one capture source per table set. */
    public static StageId of(String key, String title) {
        return new StageId(key, key, title);
    }

    /** The name of the stage's (first) worker thread. */
    public String threadName() {
        return "flowdeck-" + thread;
    }
}
