package dev.flowdeck.engine.admin;

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
 * @param key   null for a record without key
 * @param value null for a tombstone
 */
public record KafkaMessage(String topic, int partition, long offset, long timestamp, String timestampType,
                           String key, String value, List<MessageHeader> headers, int keyBytes, int valueBytes) {
    public KafkaMessage {
        headers = List.copyOf(headers);
    }

    /** One header; the value is text or {@code 0x...} hex like keys and values. */
    public record MessageHeader(String name, String value) {
    }

    public static KafkaMessage of(ConsumerRecord<byte[], byte[]> r) {
        List<MessageHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new MessageHeader(h.key(), text(h.value())));
        }
        return new KafkaMessage(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType().name,
                text(r.key()), text(r.value()), headers, Math.max(0, r.serializedKeySize()), Math.max(0, r.serializedValueSize()));
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
            return "0x" + HexFormat.of().formatHex(bytes);
        }
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
