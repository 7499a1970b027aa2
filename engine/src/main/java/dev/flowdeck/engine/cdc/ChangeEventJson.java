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
            g.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
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
        long id = -1;
        String op = null;
        String org = null;
        BigDecimal amount = null;
        String region = null;
        long created = 0;
        long captured = 0;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a change event is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getLongValue();
                    case "op" -> op = p.getText();
                    case "org" -> org = p.getText();
                    case "amount" -> amount = t == JsonToken.VALUE_STRING ? new BigDecimal(p.getText()) : p.getDecimalValue();
                    case "region" -> region = p.getText();
                    case "created_at_us" -> created = p.getLongValue();
                    case "captured_at_us" -> captured = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a change event: " + new String(json, StandardCharsets.UTF_8), ex);
        }
        if (id < 0 || op == null) {
            throw new IllegalArgumentException("not a change event (no id or op): " + new String(json, StandardCharsets.UTF_8));
        }
        return new ChangeEvent(id, op, org, amount, region, created, captured);
    }
}
