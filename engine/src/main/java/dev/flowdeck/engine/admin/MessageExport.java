package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Writes records to a file as JSON lines (one object per record) or CSV (one row per record). */
public final class MessageExport {
    /** The two formats; the file name's extension usually tells which. */
    public enum Format { JSON_LINES, CSV }

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final List<String> CSV_COLUMNS = List.of("topic", "partition", "offset", "timestamp", "key", "value", "headers");

    private MessageExport() {
    }

    public static Format formatFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".csv") ? Format.CSV : Format.JSON_LINES;
    }

    public static void write(List<KafkaMessage> records, Path file, Format format) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                writeCsv(records, out);
            } else {
                writeJsonLines(records, out);
            }
        } catch (IOException e) {
            throw new AdminException("cannot write " + file + ": " + e.getMessage() + ". Choose a writable folder.", e);
        }
    }

    /**
     * One JSON object per line; a value that is JSON itself is embedded as JSON (not as an escaped string), so the
     * file can be read back with jq.
     */
    public static void writeJsonLines(List<KafkaMessage> records, Writer out) throws IOException {
        for (KafkaMessage m : records) {
            var node = JSON.createObjectNode();
            node.put("topic", m.topic());
            node.put("partition", m.partition());
            node.put("offset", m.offset());
            node.put("timestamp", Instant.ofEpochMilli(m.timestamp()).toString());
            node.put("timestamp_type", m.timestampType());
            node.put("key", m.key());
            JsonNode json = asJson(m.value());
            if (json != null) {
                node.set("value", json);
            } else {
                node.put("value", m.value());
            }
            if (m.valueSchema() != null) {
                node.put("value_schema", m.valueSchema());
            }
            var headers = node.putObject("headers");
            m.headers().forEach(h -> headers.put(h.name(), h.value()));
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        }
    }

    static void writeCsv(List<KafkaMessage> records, Writer out) throws IOException {
        CsvMapper csv = new CsvMapper();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        CSV_COLUMNS.forEach(schema::addColumn);
        try (SequenceWriter w = csv.writer(schema.build()).writeValues(out)) {
            for (KafkaMessage m : records) {
                String headers = m.headers().stream().map(h -> h.name() + "=" + h.value()).collect(Collectors.joining(";"));
                w.write(Arrays.asList(m.topic(), Integer.toString(m.partition()), Long.toString(m.offset()),
                        Instant.ofEpochMilli(m.timestamp()).toString(), m.key(), m.value(), headers));
            }
        }
    }

    /** The value as a JSON tree if it is a JSON object or array, else null. */
    public static JsonNode asJson(String value) {
        if (value == null) {
            return null;
        }
        String t = value.stripLeading();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    /** Pretty-printed JSON if the value is a JSON object or array, else the value unchanged. */
    public static String pretty(String value) {
        JsonNode json = asJson(value);
        if (json == null) {
            return value;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            return value;
        }
    }
}
