package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.admin.schema.SchemaException;
import dev.flowdeck.engine.admin.schema.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One record as the console shows it. Keys, values and headers are text when they are valid UTF-8, otherwise hex
 * prefixed with {@code 0x} (so a binary value is never shown as garbage, and is still exported faithfully).
 *
 * <p>A value in the Schema Registry wire format is decoded to JSON when a registry is configured; {@code valueSchema}
 * then names the schema (or says why it could not be decoded, and the value stays hex).
 *
 * @param key         null for a record without key
 * @param value       null for a tombstone
 * @param valueSchema e.g. "AVRO schema 7"; null for a value that is not in the wire format
 */
public record KafkaMessage(String topic, int partition, long offset, long timestamp, String timestampType,
                           String key, String value, List<MessageHeader> headers, int keyBytes, int valueBytes,
                           String valueSchema) {
    public KafkaMessage {
        headers = List.copyOf(headers);
    }

    /** A record without a registry schema. */
    public KafkaMessage(String topic, int partition, long offset, long timestamp, String timestampType,
                        String key, String value, List<MessageHeader> headers, int keyBytes, int valueBytes) {
        this(topic, partition, offset, timestamp, timestampType, key, value, headers, keyBytes, valueBytes, null);
    }

    /** One header; the value is text or {@code 0x...} hex like keys and values. */
    public record MessageHeader(String name, String value) {
    }

    public static KafkaMessage of(ConsumerRecord<byte[], byte[]> r) {
        return of(r, null);
    }

    /** @param wire decodes keys and values in the registry's wire format; null for none */
    public static KafkaMessage of(ConsumerRecord<byte[], byte[]> r, WireFormat wire) {
        List<MessageHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new MessageHeader(h.key(), text(h.value())));
        }
        String key = text(r.key());
        String value = text(r.value());
        String schema = null;
        if (wire != null && WireFormat.looksLike(r.key())) {
            try {
                key = wire.decode(r.key()).json();
            } catch (SchemaException e) {
                // keys in the wire format are rare; a key that only looks like it stays as bytes
            }
        }
        if (WireFormat.looksLike(r.value())) {
            try {
                if (wire == null) {
                    throw new SchemaException("no Schema Registry is configured for schema " + WireFormat.schemaId(r.value()));
                }
                WireFormat.Decoded d = wire.decode(r.value());
                value = d.json();
                schema = d.schema().describe();
            } catch (SchemaException e) {
                value = hex(r.value()); // control characters that happen to be valid UTF-8 are not text
                schema = "not decoded: " + e.getMessage();
            }
        }
        return new KafkaMessage(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType().name,
                key, value, headers, Math.max(0, r.serializedKeySize()), Math.max(0, r.serializedValueSize()), schema);
    }

    public Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** Bytes as UTF-8 text, or {@code 0x} + hex when they are not valid UTF-8; null stays null. */
    public static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return hex(bytes);
        }
    }

    private static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** The inverse of {@link #text(byte[])} for what a user types: {@code 0x...} is hex, anything else UTF-8. */
    public static byte[] bytes(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith("0x") && text.length() % 2 == 0 && text.substring(2).matches("[0-9a-fA-F]*")) {
            return HexFormat.of().parseHex(text.substring(2));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
