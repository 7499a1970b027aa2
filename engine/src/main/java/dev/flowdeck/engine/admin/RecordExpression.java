package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A filter written as one CEL expression (the Common Expression Language, as in kafbat UI) over a record:
 * {@code value.amount > 1000 && value.region == "eu-west"}, {@code key.startsWith("k1")},
 * {@code headers["source"] == "cdc"}, {@code partition == 2 && offset > 100},
 * {@code timestamp > timestamp("2026-12-01T00:00:00Z")}, {@code has(value.card) && size(value.items) > 2}.
 *
 * <p>The expression is parsed and type-checked once; each record costs one evaluation (microseconds), and its value
 * is parsed as JSON only when the expression refers to it. A record for which the expression fails (a field it names
 * is missing, a string compared with a number) does not match; the first such failure is kept for the user.
 */
public final class RecordExpression {
    /** The variables an expression can use, with their CEL types, as the help text shows them. */
    public static final String VARIABLES = "key, value (JSON fields as value.a.b), headers[\"name\"], topic, partition, "
            + "offset, timestamp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addVar("key", SimpleType.DYN)
            .addVar("value", SimpleType.DYN)
            .addVar("headers", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("topic", SimpleType.STRING)
            .addVar("partition", SimpleType.INT)
            .addVar("offset", SimpleType.INT)
            .addVar("timestamp", SimpleType.TIMESTAMP)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String text;
    private final CelRuntime.Program program;
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;

    private RecordExpression(String text, CelRuntime.Program program) {
        this.text = text;
        this.program = program;
    }

    /**
     * Parses and checks an expression.
     *
     * @throws IllegalArgumentException with CEL's message (line, column and a caret under the fault) and the
     *                                  variables that can be used
     */
    public static RecordExpression compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the filter expression is empty: write e.g. value.amount > 1000 && value.region == \"eu-west\"");
        }
        String text = expression.strip();
        try {
            return new RecordExpression(text, CEL.createProgram(CEL.compile(text).getAst()));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("filter expression '" + text + "' is not valid CEL:\n"
                    + e.getMessage().replace("<input>:", "at ")
                    + "\nUse " + VARIABLES + "; e.g. value.amount > 1000 && value.region == \"eu-west\"", e);
        } catch (dev.cel.common.CelException e) {
            throw new IllegalArgumentException("filter expression '" + text + "' cannot be used: " + e.getMessage(), e);
        }
    }

    public String text() {
        return text;
    }

    public boolean matches(KafkaMessage m) {
        try {
            return Boolean.TRUE.equals(program.eval(new Variables(m)));
        } catch (CelEvaluationException | RuntimeException e) {
            if (failures.getAndIncrement() == 0) {
                firstFailure = "offset " + m.offset() + " in partition " + m.partition() + ": "
                        + String.valueOf(e.getMessage()).replace("evaluation error at <input>:", "at character ");
            }
            return false;
        }
    }

    /** Records for which the expression could not be evaluated (so they did not match). */
    public long failures() {
        return failures.get();
    }

    /** The first evaluation failure, e.g. "key 'amount' is not present in map"; null if none. */
    public String firstFailure() {
        return firstFailure;
    }

    /** Resolves each variable of one record on demand; key and value are parsed at most once. */
    private static final class Variables implements CelVariableResolver {
        private final KafkaMessage m;
        private Object key;
        private Object value;

        Variables(KafkaMessage m) {
            this.m = m;
        }

        @Override
        public Optional<Object> find(String name) {
            return Optional.ofNullable(switch (name) {
                case "key" -> key != null ? key : (key = data(m.key()));
                case "value" -> value != null ? value : (value = data(m.value()));
                case "headers" -> headers(m);
                case "topic" -> m.topic();
                case "partition" -> (long) m.partition();
                case "offset" -> m.offset();
                case "timestamp" -> Instant.ofEpochMilli(m.timestamp());
                default -> null;
            });
        }
    }

    private static Map<String, String> headers(KafkaMessage m) {
        Map<String, String> out = new HashMap<>();
        for (KafkaMessage.MessageHeader h : m.headers()) {
            out.putIfAbsent(h.name(), h.value() == null ? "" : h.value()); // a repeated name: the first one counts
        }
        return out;
    }

    /** JSON text as CEL values (maps, lists, int, double, string, bool, null); anything else as its text. */
    static Object data(String text) {
        if (text == null) {
            return NullValue.NULL_VALUE;
        }
        String t = text.strip();
        if (t.isEmpty() || "{[\"-0123456789tfn".indexOf(t.charAt(0)) < 0) {
            return text;
        }
        try (JsonParser p = JSON.createParser(t)) {
            Object v = read(p, p.nextToken());
            return p.nextToken() == null ? v : text;
        } catch (IOException | RuntimeException e) {
            return text; // not JSON: the expression sees the text
        }
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String field = p.currentName();
                    map.put(field, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(read(p, t));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return p.getDoubleValue(); // beyond a CEL int
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return NullValue.NULL_VALUE;
            default:
                throw new IOException("unexpected " + token);
        }
    }
}
