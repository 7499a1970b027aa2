package dev.flowdeck.engine.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.flowdeck.engine.metrics.Clocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The change event's JSON form, written and read with Jackson's streaming API (the poller and every consumer handle
 * hundreds of thousands a second):
 * <pre>{"id":42,"op":"c","org":"Acme","amount":12.50,"region":"eu-west","created_at":"2026-11-21T10:00:00.123456Z",
 * "created_at_us":1795000000123456,"captured_at_us":1795000000125001,"source":"livedb"}</pre>
 */
public final class ChangeEventJson {
    private static final JsonFactory JSON = new JsonFactory();
    /** The last created_at written, as text: the rows of one burst share it, and formatting an Instant is not free. */
    private static volatile CreatedAt lastCreatedAt = new CreatedAt(Long.MIN_VALUE, "");

    private record CreatedAt(long micros, String text) {
    }

    private ChangeEventJson() {
    }

    public static byte[] write(ChangeEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
             JsonGenerator g = JSON.createGenerator(out)) {
            writeObject(g, e);
            g.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A writer for many events in a row, e.g. a batch: one generator and one buffer serve them all, where
     * {@link #write(ChangeEvent)} makes a generator per event. Not for more than one thread at a time.
     */
    public static Writer writer() {
        return new Writer();
    }

    /** See {@link #writer()}. */
    public static final class Writer implements AutoCloseable {
        private final ByteArrayBuilder out = new ByteArrayBuilder(256);
        private final JsonGenerator g;

        private Writer() {
            try {
                g = JSON.createGenerator(out);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            g.setRootValueSeparator(null); // each event is a value of its own, with nothing between them
        }

        public byte[] write(ChangeEvent e) {
            try {
                writeObject(g, e);
                g.flush();
                byte[] bytes = out.toByteArray();
                out.reset();
                return bytes;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            try {
                g.close();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            out.release();
        }
    }

    private static void writeObject(JsonGenerator g, ChangeEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", e.id());
        g.writeStringField("op", e.op());
        g.writeStringField("org", e.org());
        g.writeFieldName("amount");
        g.writeNumber(e.amount());
        g.writeStringField("region", e.region());
        g.writeStringField("created_at", createdAtText(e.createdAtMicros()));
        g.writeNumberField("created_at_us", e.createdAtMicros());
        g.writeNumberField("captured_at_us", e.capturedAtMicros());
        g.writeStringField("source", "livedb");
        g.writeEndObject();
    }

    static String createdAtText(long micros) {
        CreatedAt last = lastCreatedAt;
        if (last.micros() != micros) {
            last = new CreatedAt(micros, Clocks.ofMicros(micros).toString());
            lastCreatedAt = last;
        }
        return last.text();
    }

    /** Reads an event; fields it does not know are skipped. */
    public static ChangeEvent read(byte[] json) {
        Fields f = parse(json, true);
        return new ChangeEvent(f.id, f.op, f.org, f.amount, f.region, f.created, f.captured);
    }

    /** What a delivery check needs of an event: which row, whether it is a replay, and its two times. */
    public record Stamp(long id, boolean replay, long createdAtMicros, long capturedAtMicros) {
    }

    /**
     * Reads only the id, op and times of an event, skipping the row's values (no BigDecimal or String made for them):
     * for a reader of every event that needs no more, e.g. the delivery verifier. Rejects what {@link #read} rejects.
     */
    public static Stamp readStamp(byte[] json) {
        Fields f = parse(json, false);
        return new Stamp(f.id, ChangeEvent.REPLAY.equals(f.op), f.created, f.captured);
    }

    private static final class Fields {
        long id = -1;
        String op;
        String org;
        BigDecimal amount;
        String region;
        long created;
        long captured;
    }

    private static Fields parse(byte[] json, boolean values) {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a change event is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "id" -> f.id = p.getLongValue();
                    case "op" -> f.op = p.getText();
                    case "created_at_us" -> f.created = p.getLongValue();
                    case "captured_at_us" -> f.captured = p.getLongValue();
                    case "org" -> f.org = values ? p.getText() : null;
                    case "amount" -> f.amount = !values ? null
                            : t == JsonToken.VALUE_STRING ? new BigDecimal(p.getText()) : p.getDecimalValue();
                    case "region" -> f.region = values ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a change event: " + new String(json, StandardCharsets.UTF_8), ex);
        }
        if (f.id < 0 || f.op == null) {
            throw new IllegalArgumentException("not a change event (no id or op): " + new String(json, StandardCharsets.UTF_8));
        }
        return f;
    }
}
