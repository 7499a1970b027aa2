package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.metrics.Clocks;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Re-publishes existing rows from a given id or creation time, as events with {@code op = "r"}, without touching the
 * live poller's offset. Consumers that count live changes (the verifier, the processor) tell them apart by the op.
 */
public final class Replayer {
    private static final int BATCH = 5_000;

    /** Where to start (an id, or else a time) and where to write (the live topic unless given). */
    public record Request(Long fromId, Instant fromTime, String topic) {
        public Request {
            if ((fromId == null) == (fromTime == null)) {
                throw new IllegalArgumentException("give exactly one of a start id or a start time for a replay");
            }
            if (fromId != null && fromId < 0) {
                throw new IllegalArgumentException("the replay start id must be 0 or more (got " + fromId + ")");
            }
        }
    }

    private final Database db;
    private final KafkaSettings kafka;

    public Replayer(Database db, KafkaSettings kafka) {
        this.db = db;
        this.kafka = kafka;
    }

    /**
     * Replays every row from the start point up to the highest id existing now.
     *
     * @param progress  hears the number of rows replayed so far after each batch
     * @param cancelled checked between batches
     * @return rows replayed
     */
    public long replay(Request request, LongConsumer progress, BooleanSupplier cancelled) throws SQLException {
        Map<String, Object> config = KafkaClients.admin(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "flowdeck-replay");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.keySet().removeIf(k -> k.startsWith("default.api"));
        long replayed = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Connection c = db.open();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long upTo = maxId(c);
            long after = request.fromId() != null ? request.fromId() - 1 : firstIdAtOrAfter(c, request.fromTime()) - 1;
            while (after < upTo && !cancelled.getAsBoolean()) {
                long captured = Clocks.nowMicros();
                long last = after;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, org, amount, region, created_at FROM livedb"
                        + " WHERE id > ? AND id <= ?" + (request.fromTime() != null ? " AND created_at >= ?" : "")
                        + " ORDER BY id LIMIT " + BATCH)) {
                    ps.setLong(1, after);
                    ps.setLong(2, upTo);
                    if (request.fromTime() != null) {
                        ps.setObject(3, OffsetDateTime.ofInstant(request.fromTime(), ZoneOffset.UTC));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            ChangeEvent e = new ChangeEvent(last, ChangeEvent.REPLAY, rs.getString(2), rs.getBigDecimal(3),
                                    rs.getString(4), Clocks.toMicros(rs.getObject(5, OffsetDateTime.class).toInstant()), captured);
                            producer.send(new ProducerRecord<>(request.topic(), Long.toString(last), ChangeEventJson.write(e)),
                                    (meta, error) -> {
                                        if (error != null) {
                                            failure.compareAndSet(null, error);
                                        }
                                    });
                            replayed++;
                        }
                    }
                }
                producer.flush();
                if (failure.get() != null) {
                    throw new IllegalStateException("replay to " + request.topic() + " failed: " + failure.get().getMessage(), failure.get());
                }
                if (last == after) {
                    break;
                }
                after = last;
                progress.accept(replayed);
            }
        }
        return replayed;
    }

    private static long maxId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM livedb"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long firstIdAtOrAfter(Connection c, Instant from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MIN(id), 0) FROM livedb WHERE created_at >= ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return id == 0 ? Long.MAX_VALUE : id;
            }
        }
    }
}
