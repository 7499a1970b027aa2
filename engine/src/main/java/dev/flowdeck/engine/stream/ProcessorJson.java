package dev.flowdeck.engine.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.ChangeEventJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The processor's JSON formats (snake_case fields) and the Kafka serdes built on them. */
public final class ProcessorJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private ProcessorJson() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes any of the processor's records; reads {@code type}. */
    public static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> write = (topic, v) -> v == null ? null : write(v);
        Deserializer<T> read = (topic, bytes) -> bytes == null ? null : read(bytes, type);
        return Serdes.serdeFrom(write, read);
    }

    /** Change events as the CDC poller writes them. */
    public static Serde<ChangeEvent> changeEvents() {
        Serializer<ChangeEvent> write = (topic, e) -> e == null ? null : ChangeEventJson.write(e);
        Deserializer<ChangeEvent> read = (topic, bytes) -> bytes == null ? null : ChangeEventJson.read(bytes);
        return Serdes.serdeFrom(write, read);
    }
}
