package dev.flowdeck.engine.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Loads seed rows from CSV (header {@code org,amount,region}, one row per line) or JSON (an array of objects, or
 * one object per line). A malformed line is reported with the file name and line number and skipped; the rest
 * loads.
 */
public final class SeedFile {
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectReader CSV_LINE = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came out of a file: the good rows, and one message per bad line. */
    public record Loaded(String source, List<SeedRow> rows, List<String> problems) {
        public Loaded {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    private SeedFile() {
    }

    public static Loaded load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new SeedException("cannot read the seed file " + file + ": " + e.getMessage()
                    + ". Give a readable .csv or .json file with --seed-file.");
        }
    }

    /** Loads from a stream; the name (e.g. {@code livedb_seed.csv}) picks the format and appears in messages. */
    public static Loaded load(String name, InputStream in) {
        String lower = name.toLowerCase(Locale.ROOT);
        try (Reader reader = new StringReader(utf8(name, in.readAllBytes()))) {
            Loaded loaded;
            if (lower.endsWith(".csv")) {
                loaded = loadCsv(name, new BufferedReader(reader));
            } else if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
                loaded = loadJson(name, new BufferedReader(reader));
            } else {
                throw new SeedException("seed file " + name + " is neither .csv nor .json: rename it or convert it");
            }
            if (loaded.rows().isEmpty()) {
                throw new SeedException("seed file " + name + " has no usable rows"
                        + (loaded.problems().isEmpty() ? "" : ": " + loaded.problems().get(0)));
            }
            return loaded;
        } catch (IOException e) {
            throw new SeedException("cannot read the seed file " + name + ": " + e.getMessage());
        }
    }

    private static Loaded loadCsv(String name, BufferedReader reader) throws IOException {
        List<SeedRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String header = reader.readLine();
        if (header == null) {
            throw new SeedException("seed file " + name + " is empty: it needs a header line org,amount,region");
        }
        List<String> columns = Arrays.stream(parseCsvLine(header.replace("\uFEFF", ""))).map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        int org = columns.indexOf("org");
        int amount = columns.indexOf("amount");
        int region = columns.indexOf("region");
        if (org < 0 || amount < 0 || region < 0) {
            throw new SeedException(name + ":1: the header must name the columns org, amount and region (found: "
                    + String.join(",", columns) + ")");
        }
        int width = columns.size();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = name + ":" + lineNo + ": ";
            String[] cells;
            try {
                cells = parseCsvLine(line);
            } catch (IOException e) {
                problems.add(where + "not valid CSV (" + firstLine(e.getMessage()) + "); line skipped");
                continue;
            }
            if (cells.length != width) {
                problems.add(where + "expected " + width + " values, found " + cells.length + "; line skipped");
                continue;
            }
            addRow(where, cells[org], cells[amount], cells[region], rows, problems);
        }
        return new Loaded(name, rows, problems);
    }

    /**
     * The file's text, decoded strictly: a byte that is not UTF-8 is reported with its line instead of becoming a
     * silent U+FFFD in the data.
     */
    private static String utf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new SeedException(name + ":" + line + ": not valid UTF-8 text (byte 0x"
                    + Integer.toHexString(bytes[in.position()] & 0xff) + " is no character). Save the file as UTF-8 and try again.");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String[] parseCsvLine(String line) throws IOException {
        try (com.fasterxml.jackson.databind.MappingIterator<String[]> it = CSV_LINE.readValues(new StringReader(line))) {
            return it.hasNextValue() ? it.nextValue() : new String[0];
        }
    }

    private static Loaded loadJson(String name, BufferedReader reader) throws IOException {
        List<SeedRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            boolean array = first == JsonToken.START_ARRAY;
            JsonToken token = array ? parser.nextToken() : first;
            while (token != null && token != JsonToken.END_ARRAY) {
                int lineNo = parser.currentTokenLocation().getLineNr();
                String where = name + ":" + lineNo + ": ";
                if (token != JsonToken.START_OBJECT) {
                    throw new SeedException(where + "expected an object {\"org\":..., \"amount\":..., \"region\":...}");
                }
                JsonNode node = JSON.readTree(parser);
                addRow(where, text(node, "org"), text(node, "amount"), text(node, "region"), rows, problems);
                token = parser.nextToken();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SeedException(name + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
                    + firstLine(e.getOriginalMessage()) + "); " + rows.size() + " rows before it were read");
        }
        return new Loaded(name, rows, problems);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void addRow(String where, String org, String amount, String region, List<SeedRow> rows, List<String> problems) {
        String o = org == null ? "" : org.trim();
        String r = region == null ? "" : region.trim();
        if (o.indexOf('\0') >= 0 || r.indexOf('\0') >= 0) {
            // PostgreSQL refuses NUL in text: the writer would fail on this row mid-run
            problems.add(where + "a value holds a NUL character (\\0), which a database text column cannot store; line skipped");
            return;
        }
        if (o.isEmpty() || o.length() > 255) {
            problems.add(where + "org must be 1-255 characters; line skipped");
            return;
        }
        if (r.isEmpty() || r.length() > 64) {
            problems.add(where + "region must be 1-64 characters; line skipped");
            return;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount == null ? "" : amount.trim());
        } catch (NumberFormatException e) {
            problems.add(where + "amount '" + amount + "' is not a number; line skipped");
            return;
        }
        if (value.scale() > 2 || value.precision() - value.scale() > 10) {
            problems.add(where + "amount " + amount + " does not fit DECIMAL(12,2); line skipped");
            return;
        }
        rows.add(new SeedRow(o, value.setScale(2), r));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
