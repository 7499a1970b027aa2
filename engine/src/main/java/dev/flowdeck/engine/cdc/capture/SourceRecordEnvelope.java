package dev.flowdeck.engine.cdc.capture;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one of Debezium's change records (Kafka Connect {@link Struct}s) into the parts of a {@link ChangeEnvelope},
 * so PostgreSQL's events take the same path and shape as H2's.
 */
final class SourceRecordEnvelope {
    /** One change: table, operation, key, rows and where it came from; null from {@link #of} for anything else. */
    record Change(TableId table, ChangeOp op, Map<String, Object> key, Map<String, Object> before,
                  Map<String, Object> after, ChangeSource source, long tsMs, String snapshotMarker) {
    }

    private SourceRecordEnvelope() {
    }

    /** The change in {@code record}, or null if it is not a row change (e.g. a heartbeat or a tombstone). */
    static Change of(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        String marker = String.valueOf(source.get("snapshot"));
        String snapshot = switch (marker) {
            case "false", "null" -> ChangeSource.STREAMING;
            case "last" -> ChangeSource.LAST_IN_SNAPSHOT;
            default -> ChangeSource.IN_SNAPSHOT;
        };
        TableId table = new TableId(source.getString("schema"), source.getString("table"));
        Object txId = source.get("txId");
        Object lsn = source.get("lsn");
        ChangeSource s = new ChangeSource(source.getString("version"), source.getString("connector"),
                source.getString("name"), source.getString("db"), table.schema(), table.table(), "lsn",
                lsn instanceof Number n ? n.longValue() : 0L, txId instanceof Number n ? n.longValue() : null,
                ((Number) source.get("ts_ms")).longValue(), snapshot);
        Object ts = value.get("ts_ms");
        return new Change(table, ChangeOp.ofCode(value.getString("op")), toMap(record.key()),
                toMap(value.get("before")), toMap(value.get("after")), s,
                ts instanceof Number n ? n.longValue() : System.currentTimeMillis(), marker);
    }

    private static Map<String, Object> toMap(Object struct) {
        if (!(struct instanceof Struct s)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : s.schema().fields()) {
            out.put(f.name(), plain(s.get(f)));
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof Struct s) {
            return toMap(s);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return bytes;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(o -> out.add(plain(o)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, o) -> out.put(String.valueOf(k), plain(o)));
            return out;
        }
        return v;
    }
}
