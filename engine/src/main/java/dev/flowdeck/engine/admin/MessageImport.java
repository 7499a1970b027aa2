package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Produces the records of a JSON-lines file to a topic: the Messages page's own export format (one object per line
 * with {@code key}, {@code value} and {@code headers}; {@code partition} and {@code timestamp} used when asked), so an
 * export can be replayed into another topic or cluster.
 *
 * <p>The file is read twice, never held in memory: {@link #scan} checks every line and reports the bad ones by
 * number; {@link #run} produces. A file with bad lines is refused unless the caller chooses to skip them, so an import
 * never half-happens by surprise.
 */
public final class MessageImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bad lines listed in full; beyond that they are only counted. */
    public static final int BAD_LINES_SHOWN = 20;

    private final KafkaSettings kafka;

    public MessageImport(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /**
     * How to produce.
     *
     * @param keepPartitions each record to the partition it was read from (else the key chooses)
     * @param keepTimestamps each record with its original timestamp (else the time it is produced)
     * @param speed          0 to produce as fast as possible; else replay the original gaps between records divided
     *                       by this factor (1 = real time, 10 = ten times faster)
     * @param skipBadLines   produce the good lines of a file that has bad ones
     */
    public record Options(boolean keepPartitions, boolean keepTimestamps, double speed, boolean skipBadLines) {
        public static final Options DEFAULT = new Options(false, false, 0, false);

        public Options {
            if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("the replay speed must be 0 (as fast as possible) or a positive factor, e.g. 1 or 10 (got " + speed + ")");
            }
        }
    }

    /** A line that cannot be imported, numbered from 1. */
    public record BadLine(long number, String reason) {
        @Override
        public String toString() {
            return "line " + number + ": " + reason;
        }
    }

    /**
     * What a file holds.
     *
     * @param partitions one more than the highest partition named in the file (at least 1)
     * @param spanMillis from the first record's timestamp to the last one's, 0 without timestamps
     * @param badLines   the first {@link #BAD_LINES_SHOWN} bad lines
     */
    public record Scan(Path file, long records, long badCount, List<BadLine> badLines, int partitions, long spanMillis) {
        public Scan {
            badLines = List.copyOf(badLines);
        }

        /** e.g. "1,204 records, 2 bad lines (line 5: not JSON ...; line 9: ...)". */
        public String describe() {
            String s = Human.plural(records, "record") + " over " + Human.plural(partitions, "partition");
            if (spanMillis > 0) {
                s += ", spanning " + Human.duration(spanMillis);
            }
            if (badCount > 0) {
                s += "; " + Human.plural(badCount, "bad line") + ": " + String.join("; ",
                        badLines.stream().map(BadLine::toString).toList()) + (badCount > badLines.size() ? "; ..." : "");
            }
            return s;
        }
    }

    /** What an import did. */
    public record Summary(String topic, long produced, long skippedBadLines, boolean createdTopic, Duration took) {
        public String describe() {
            return "imported " + Human.plural(produced, "record") + " into '" + topic + "'"
                    + (createdTopic ? " (topic created)" : "") + " in " + Human.duration(took.toMillis())
                    + (skippedBadLines > 0 ? "; skipped " + Human.plural(skippedBadLines, "bad line") : "");
        }
    }

    /** Called now and then while producing, off the UI thread. */
    public interface Progress {
        void update(long produced, long total);
    }

    /** One line read. */
    record Line(String key, String value, List<Header> headers, Integer partition, Long timestamp) {
    }

    /** Checks every line of the file without producing. */
    public Scan scan(Path file) {
        long records = 0;
        long bad = 0;
        List<BadLine> shown = new ArrayList<>();
        int maxPartition = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (BufferedReader in = open(file)) {
            long number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Line line = parse(text);
                    records++;
                    if (line.partition() != null) {
                        maxPartition = Math.max(maxPartition, line.partition());
                    }
                    if (line.timestamp() != null) {
                        first = Math.min(first, line.timestamp());
                        last = Math.max(last, line.timestamp());
                    }
                } catch (IllegalArgumentException e) {
                    if (bad++ < BAD_LINES_SHOWN) {
                        shown.add(new BadLine(number, e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new AdminException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Scan(file, records, bad, shown, maxPartition + 1, first <= last ? last - first : 0);
    }

    /**
     * Produces the file's records to {@code topic}, creating the topic (with the file's partition count) if missing.
     *
     * @param cancelled checked between records; a cancelled import keeps what it produced and says so
     * @throws AdminException for a file with bad lines (unless {@link Options#skipBadLines()}), a partition the topic
     *                        lacks, or a Kafka failure
     */
    public Summary run(Path file, String topic, Options options, Progress progress, BooleanSupplier cancelled) {
        if (topic == null || topic.isBlank()) {
            throw new AdminException("choose a topic to import into");
        }
        Scan scan = scan(file);
        if (scan.badCount() > 0 && !options.skipBadLines()) {
            throw new AdminException(file.getFileName() + " has " + Human.plural(scan.badCount(), "bad line") + ", nothing was imported: "
                    + String.join("; ", scan.badLines().stream().map(BadLine::toString).toList())
                    + (scan.badCount() > scan.badLines().size() ? "; ..." : "")
                    + ". Fix them, or choose to skip bad lines.");
        }
        long started = System.nanoTime();
        boolean created = prepareTopic(topic, scan, options);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long produced = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
             BufferedReader in = open(file)) {
            Long firstTimestamp = null;
            long replayStart = System.nanoTime();
            for (String text = in.readLine(); text != null && failure.get() == null; text = in.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                Line line;
                try {
                    line = parse(text);
                } catch (IllegalArgumentException e) {
                    continue; // counted by the scan; skipping was chosen
                }
                if (cancelled.getAsBoolean()) {
                    break;
                }
                if (options.speed() > 0 && line.timestamp() != null) {
                    firstTimestamp = firstTimestamp == null ? line.timestamp() : firstTimestamp;
                    long dueNanos = replayStart + (long) ((line.timestamp() - firstTimestamp) * 1e6 / options.speed());
                    waitUntil(dueNanos, cancelled);
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        options.keepPartitions() ? line.partition() : null,
                        options.keepTimestamps() ? line.timestamp() : null,
                        KafkaMessage.bytes(line.key()), KafkaMessage.bytes(line.value()), line.headers());
                producer.send(record, (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                produced++;
                if (produced % 1_000 == 0) {
                    progress.update(produced, scan.records());
                }
            }
            producer.flush();
        } catch (IOException e) {
            throw new AdminException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw KafkaCalls.failure("cannot import into '" + topic + "'", e);
        }
        if (failure.get() != null) {
            throw KafkaCalls.failure("import into '" + topic + "' stopped after " + Human.plural(produced, "record")
                    + " were sent", failure.get());
        }
        progress.update(produced, scan.records());
        return new Summary(topic, produced, scan.badCount(), created, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Creates the topic when missing; checks that it has every partition the file names when those are kept. */
    private boolean prepareTopic(String topic, Scan scan, Options options) {
        Duration timeout = Duration.ofMillis(KafkaCalls.TIMEOUT_MS);
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-import")) {
            boolean existed = Topics.describe(admin, topic, timeout).isPresent();
            int partitions = Topics.ensure(admin, topic, scan.partitions(), (short) -1, Map.of(), timeout);
            if (options.keepPartitions() && partitions < scan.partitions()) {
                throw new AdminException("'" + topic + "' has " + Human.plural(partitions, "partition") + " but the file names partition "
                        + (scan.partitions() - 1) + ". Add partitions to the topic, or let the keys choose the partitions.");
            }
            return !existed;
        } catch (ExecutionException e) {
            throw KafkaCalls.failure("cannot prepare topic '" + topic + "'", e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new AdminException("cannot prepare topic '" + topic + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("import into '" + topic + "' was cancelled", e);
        } catch (KafkaException e) {
            throw KafkaCalls.failure("cannot prepare topic '" + topic + "'", e);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>(kafka.clientConfig());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "flowdeck-import");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight keeps the file's order per partition without idempotence, which can lose the first
        // batch to a topic created a moment ago (KAFKA-15591).
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, KafkaClients.REQUEST_TIMEOUT_MS + 2_000);
        return c;
    }

    /** Replay pacing: the wait is the point (the original gaps between records), bounded and cancellable. */
    private static void waitUntil(long dueNanos, BooleanSupplier cancelled) {
        for (long left = dueNanos - System.nanoTime(); left > 0 && !cancelled.getAsBoolean(); left = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AdminException(file + " is not a file. Choose a JSON-lines file exported from the Messages page.");
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** One line of the export format; IllegalArgumentException says what is wrong with it. */
    static Line parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object: each line must be {\"key\": ..., \"value\": ..., \"headers\": {...}}");
        }
        if (!node.has("value")) {
            throw new IllegalArgumentException("no \"value\" (write \"value\": null for a tombstone)");
        }
        String key = text(node.get("key"), "key");
        String value = text(node.get("value"), "value");
        List<Header> headers = new ArrayList<>();
        JsonNode h = node.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new IllegalArgumentException("\"headers\" must be an object of name: text");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual() && !e.getValue().isNull()) {
                    throw new IllegalArgumentException("header \"" + e.getKey() + "\" must be text or null");
                }
                headers.add(new RecordHeader(e.getKey(), e.getValue().isNull() ? null : KafkaMessage.bytes(e.getValue().asText())));
            }
        }
        Integer partition = null;
        JsonNode p = node.get("partition");
        if (p != null && !p.isNull()) {
            if (!p.canConvertToInt() || !p.isIntegralNumber() || p.intValue() < 0) {
                throw new IllegalArgumentException("\"partition\" must be a whole number, 0 or more (got " + p + ")");
            }
            partition = p.intValue();
        }
        return new Line(key, value, headers, partition, timestamp(node.get("timestamp")));
    }

    /** A key or value: text as is; JSON (as the export embeds JSON values) as compact JSON text. */
    private static String text(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("\"" + what + "\" cannot be written as JSON: " + e.getMessage());
        }
    }

    private static Long timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        try {
            return Instant.parse(node.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"timestamp\" must be an ISO time like 2026-12-03T10:15:30Z or epoch milliseconds (got "
                    + node + ")");
        }
    }
}
