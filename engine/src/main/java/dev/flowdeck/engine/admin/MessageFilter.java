package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which records to show: by key (exact, or a glob with {@code *}), by text anywhere in key, value or headers
 * (case-insensitive), and by a JSON field of the value, e.g. {@code region=eu-west}, {@code /payload/amount>100},
 * {@code $.items[0].sku~abc}, and by a CEL expression over the whole record ({@link RecordExpression}). All given
 * parts must match.
 */
public final class MessageFilter {
    public static final MessageFilter NONE = new MessageFilter(null, null, null, null, "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPRESSION = Pattern.compile("^\\s*([^=!<>~]+?)\\s*(==|!=|>=|<=|=|>|<|~)\\s*(.*?)\\s*$");

    private final Pattern key;
    private final String text;
    private final JsonCondition json;
    private final RecordExpression expression;
    private final String description;

    private MessageFilter(Pattern key, String text, JsonCondition json, RecordExpression expression, String description) {
        this.key = key;
        this.text = text;
        this.json = json;
        this.expression = expression;
        this.description = description;
    }

    /** Only a CEL expression, e.g. {@code value.amount >= 900 && value.region == "eu-west"}; blank for none. */
    public static MessageFilter expression(String expression) {
        return of(null, null, null, expression);
    }

    /**
     * Builds a filter from what the user typed; blank parts are ignored.
     *
     * @throws IllegalArgumentException naming the part that cannot be read and showing the accepted forms
     */
    public static MessageFilter of(String keyQuery, String textQuery, String jsonQuery) {
        return of(keyQuery, textQuery, jsonQuery, null);
    }

    /**
     * As {@link #of(String, String, String)} plus a CEL expression.
     *
     * @throws IllegalArgumentException also for an expression that is not valid CEL, with CEL's message
     */
    public static MessageFilter of(String keyQuery, String textQuery, String jsonQuery, String expressionText) {
        RecordExpression expression = blank(expressionText) ? null : RecordExpression.compile(expressionText);
        Pattern key = blank(keyQuery) ? null : glob(keyQuery.trim());
        String text = blank(textQuery) ? null : textQuery.trim().toLowerCase(Locale.ROOT);
        JsonCondition json = blank(jsonQuery) ? null : JsonCondition.parse(jsonQuery.trim());
        StringBuilder d = new StringBuilder();
        if (key != null) {
            d.append("key ").append(keyQuery.trim());
        }
        if (text != null) {
            d.append(d.length() > 0 ? ", " : "").append("text '").append(textQuery.trim()).append('\'');
        }
        if (json != null) {
            d.append(d.length() > 0 ? ", " : "").append("JSON ").append(jsonQuery.trim());
        }
        if (expression != null) {
            d.append(d.length() > 0 ? ", " : "").append(expression.text());
        }
        return key == null && text == null && json == null && expression == null ? NONE
                : new MessageFilter(key, text, json, expression, d.toString());
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** e.g. "key 42, JSON region=eu-west"; empty for no filter. */
    public String description() {
        return description;
    }

    public boolean matches(KafkaMessage m) {
        if (key != null && (m.key() == null || !key.matcher(m.key()).matches())) {
            return false;
        }
        if (text != null && !containsText(m)) {
            return false;
        }
        if (json != null && !json.matches(m.value())) {
            return false;
        }
        return expression == null || expression.matches(m);
    }

    /**
     * Why some records could not be tested, e.g. "3 records could not be evaluated (offset 7 in partition 0: key
     * 'amount' is not present in map)"; empty when all could.
     */
    public String evaluationNote() {
        if (expression == null || expression.failures() == 0) {
            return "";
        }
        return Human.plural(expression.failures(), "record") + " could not be evaluated and did not match ("
                + expression.firstFailure() + ")";
    }

    private boolean containsText(KafkaMessage m) {
        if (containsIgnoreCase(m.key(), text) || containsIgnoreCase(m.value(), text)) {
            return true;
        }
        for (KafkaMessage.MessageHeader h : m.headers()) {
            if (containsIgnoreCase(h.name(), text) || containsIgnoreCase(h.value(), text)) {
                return true;
            }
        }
        return false;
    }

    /** {@code needle} is lower case already; no copy of the haystack per record. */
    static boolean containsIgnoreCase(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        int n = needle.length();
        for (int i = 0; i + n <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String g) {
        String[] parts = g.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            re.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One condition on a field of a JSON value. */
    static final class JsonCondition {
        private final JsonPointer path;
        private final String op;
        private final String operand;
        private final BigDecimal number;

        private JsonCondition(JsonPointer path, String op, String operand) {
            this.path = path;
            this.op = op;
            this.operand = operand;
            this.number = toNumber(operand);
        }

        static JsonCondition parse(String expression) {
            Matcher m = EXPRESSION.matcher(expression);
            String pathText;
            String op = null;
            String operand = null;
            if (m.matches()) {
                pathText = m.group(1);
                op = m.group(2).equals("==") ? "=" : m.group(2);
                operand = unquote(m.group(3));
                if (operand.isEmpty() && !m.group(3).contains("\"") && !m.group(3).contains("'")) {
                    throw new IllegalArgumentException("JSON filter '" + expression + "' has no value after '" + m.group(2)
                            + "': write e.g. region=eu-west, /payload/amount>100, or just region to test that the field exists");
                }
            } else if (expression.matches("[^=!<>~]+")) {
                pathText = expression; // no operator: the field exists
            } else {
                throw new IllegalArgumentException("JSON filter '" + expression + "' cannot be read: write FIELD OP VALUE "
                        + "with OP one of = != > >= < <= ~ (contains), e.g. region=eu-west or /payload/amount>100");
            }
            return new JsonCondition(pointer(pathText.trim(), expression), op, operand);
        }

        /** A JSON pointer ({@code /a/b}), a JSONPath ({@code $.a.b[0]}) or a dotted path ({@code a.b[0]}). */
        static JsonPointer pointer(String path, String expression) {
            try {
                if (path.startsWith("/")) {
                    return JsonPointer.compile(path);
                }
                String p = path.startsWith("$") ? path.substring(1) : path;
                if (p.startsWith(".")) {
                    p = p.substring(1);
                }
                StringBuilder ptr = new StringBuilder();
                for (String segment : p.replace("[", ".").replace("]", "").split("\\.")) {
                    if (segment.isEmpty()) {
                        throw new IllegalArgumentException("empty segment");
                    }
                    ptr.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
                }
                return JsonPointer.compile(ptr.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JSON filter '" + expression + "': the field '" + path + "' is not a "
                        + "path; write region, payload.region, items[0].id, $.payload.region or /payload/region");
            }
        }

        boolean matches(String value) {
            if (value == null) {
                return false;
            }
            JsonNode node;
            try {
                node = JSON.readTree(value).at(path);
            } catch (IOException | RuntimeException e) {
                return false; // not JSON: cannot match a JSON condition
            }
            if (node.isMissingNode()) {
                return "!=".equals(op);
            }
            if (op == null) {
                return true;
            }
            String actual = node.isValueNode() ? node.asText() : node.toString();
            int cmp = compare(node, actual);
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case "~" -> containsIgnoreCase(actual, operand.toLowerCase(Locale.ROOT));
                default -> false;
            };
        }

        private int compare(JsonNode node, String actual) {
            if (number != null && node.isNumber()) {
                return node.decimalValue().compareTo(number);
            }
            if (number != null && node.isTextual()) {
                BigDecimal n = toNumber(actual);
                if (n != null) {
                    return n.compareTo(number);
                }
            }
            if (node.isNull()) {
                return operand.equals("null") ? 0 : -1;
            }
            return actual.compareTo(operand);
        }

        private static BigDecimal toNumber(String s) {
            if (s == null || s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.')) {
                return null;
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String unquote(String s) {
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
                return s.substring(1, s.length() - 1);
            }
            return s;
        }
    }
}
