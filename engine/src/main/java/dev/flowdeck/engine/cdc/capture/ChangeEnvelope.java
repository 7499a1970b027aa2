package dev.flowdeck.engine.cdc.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one event format of captured tables, whatever the database: Debezium's JSON envelope without the schema
 * wrapper ({@code converter.schemas.enable=false}), so consumers written for Debezium work unchanged.
 * <pre>
 * key:   {"id":42}                                   (the primary key columns, in key order)
 * value: {"before":{...}|null,"after":{...}|null,
 *         "source":{"version":..,"connector":"postgresql","name":"flowdeck","ts_ms":<commit>,"snapshot":"false",
 *                   "db":..,"schema":..,"table":..,"txId":..,"lsn":..},
 *         "op":"c","ts_ms":<when captured>}
 * </pre>
 * A delete is followed by a tombstone (same key, null value) so that compacted topics can forget the key, unless
 * tombstones are switched off. Decimals are written as strings (Debezium's {@code decimal.handling.mode=string}),
 * times as ISO-8601 text, bytes as base64.
 */
public final class ChangeEnvelope {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private final boolean tombstones;

    public ChangeEnvelope(boolean tombstones) {
        this.tombstones = tombstones;
    }

    public boolean tombstones() {
        return tombstones;
    }

    /** The records of one change: the envelope, and after a delete its tombstone unless switched off. */
    public List<ProducerRecord<byte[], byte[]>> records(String topic, Map<String, ?> key, ChangeOp op,
                                                        Map<String, ?> before, Map<String, ?> after,
                                                        ChangeSource source, long tsMs) {
        byte[] k = key(key);
        ProducerRecord<byte[], byte[]> change = new ProducerRecord<>(topic, null, k, value(op, before, after, source, tsMs));
        return op == ChangeOp.DELETE && tombstones ? List.of(change, new ProducerRecord<>(topic, null, k, null)) : List.of(change);
    }

    /** The key: the primary key columns as a JSON object. */
    public static byte[] key(Map<String, ?> key) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(64); JsonGenerator g = JSON.createGenerator(out)) {
            writeValue(g, key);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value: before, after, source, op, ts_ms. */
    public static byte[] value(ChangeOp op, Map<String, ?> before, Map<String, ?> after, ChangeSource s, long tsMs) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("before");
            writeValue(g, before);
            g.writeFieldName("after");
            writeValue(g, after);
            g.writeObjectFieldStart("source");
            g.writeStringField("version", s.version());
            g.writeStringField("connector", s.connector());
            g.writeStringField("name", s.name());
            g.writeNumberField("ts_ms", s.commitTsMs());
            g.writeStringField("snapshot", s.snapshot());
            g.writeStringField("db", s.db());
            g.writeStringField("schema", s.schema());
            g.writeStringField("table", s.table());
            g.writeFieldName("txId");
            if (s.txId() == null) {
                g.writeNull();
            } else {
                g.writeNumber(s.txId());
            }
            g.writeNumberField(s.positionField(), s.position());
            g.writeEndObject();
            g.writeStringField("op", op.code());
            g.writeNumberField("ts_ms", tsMs);
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof byte[] b) {
            g.writeString(Base64.getEncoder().encodeToString(b));
        } else if (v instanceof java.sql.Timestamp t) {
            g.writeString(t.toInstant().toString());
        } else if (v instanceof java.sql.Date d) {
            g.writeString(d.toLocalDate().toString());
        } else if (v instanceof java.sql.Time t) {
            g.writeString(t.toLocalTime().toString());
        } else if (v instanceof java.util.Date d) {
            g.writeString(d.toInstant().toString());
        } else if (v instanceof TemporalAccessor t) {
            g.writeString(t.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** An envelope read back, e.g. for the Messages page or a test. */
    public record Read(ChangeOp op, Map<String, Object> before, Map<String, Object> after, Map<String, Object> source,
                       long tsMs) {
        /** For an update: the columns whose value differs between before and after (sorted); else empty. */
        public Set<String> changedFields() {
            Set<String> changed = new TreeSet<>();
            if (op == ChangeOp.UPDATE && before != null && after != null) {
                for (String k : after.keySet()) {
                    if (!before.containsKey(k) || !Objects.equals(before.get(k), after.get(k))) {
                        changed.add(k);
                    }
                }
                before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(changed::add);
            }
            return changed;
        }

        /** The row the event is about: after, or before for a delete. */
        public Map<String, Object> row() {
            return op == ChangeOp.DELETE ? before : after;
        }
    }

    /**
     * Reads a value written by {@link #value} (or by Debezium, with or without the schema wrapper); empty for a
     * tombstone or anything that is not a change envelope.
     */
    public static Optional<Read> read(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Map<String, Object> m = READER.readValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (m.get("payload") instanceof Map<?, ?> p && m.containsKey("schema")) {
                m = asMap(p);
            }
            if (!(m.get("op") instanceof String op) || !m.containsKey("source")) {
                return Optional.empty();
            }
            long ts = m.get("ts_ms") instanceof Number n ? n.longValue() : 0L;
            return Optional.of(new Read(ChangeOp.ofCode(op), asMap(m.get("before")), asMap(m.get("after")),
                    asMap(m.get("source")), ts));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Reads a key written by {@link #key}: the primary key columns, in order; empty if it is not a JSON object. */
    public static Map<String, Object> readKey(byte[] key) {
        try {
            return key == null ? Map.of() : READER.readValue(key, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

}
