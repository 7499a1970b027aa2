package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Hides sensitive values before a record is shown, tailed or exported. Rules:
 * <ul>
 *   <li>a field path: {@code value.card_number}, {@code key.user.email}, {@code headers.authorization};
 *       {@code *} stands for any one field ({@code value.*.email}), and a leading {@code *.} for any depth
 *       ({@code *.email} is every field named email, in key, value or headers);</li>
 *   <li>a regular expression over text, written {@code re:PATTERN}, e.g. {@code re:\d{4}-\d{4}-\d{4}-\d{4}}: each
 *       match in a key, a header or a value's text (a JSON value's strings) becomes {@value #MASK};</li>
 *   <li>and, unless turned off, every field named like a secret: password, secret, token, api key, private key,
 *       credentials, card number, CVV, SSN, authorization (in snake, kebab or camel case: {@code clientSecret}).</li>
 * </ul>
 * A masked field keeps its name and becomes the text {@value #MASK}, so the shape of the record stays visible.
 * Filters see the original record; only what leaves for a person or a file is masked.
 */
public final class Masking {
    public static final String MASK = "****";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whole words of a field name (split at _ - . and camel case) that mark a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(^|_)(password|passwd|pwd|secret|token|api_?key|access_?key|"
            + "private_?key|credentials?|card_?number|cc_?number|cvv|cvc|ssn|authorization)(_|$)");
    /** A cheap first look at a record's raw text: without any of these, no secret-named field can be in it. */
    private static final List<String> SECRET_HINTS = List.of("pass", "pwd", "secret", "token", "key", "credential", "card",
            "ccnum", "cc_num", "cvv", "cvc", "ssn", "authoriz");

    public static final Masking NONE = new Masking(List.of(), List.of(), false);

    private final List<PathRule> paths;
    private final List<Pattern> regexes;
    private final boolean secrets;
    /** Lower-case words one of which a record's text must contain for a rule to touch it; null: always look. */
    private final String[] hint;

    private Masking(List<PathRule> paths, List<Pattern> regexes, boolean secrets) {
        this.paths = List.copyOf(paths);
        this.regexes = List.copyOf(regexes);
        this.secrets = secrets;
        List<String> names = new ArrayList<>(secrets ? SECRET_HINTS : List.of());
        boolean anyName = false;
        for (PathRule p : paths) {
            String last = p.segments.get(p.segments.size() - 1);
            if (last.equals("*")) {
                anyName = true;
            } else {
                names.add(last.toLowerCase(Locale.ROOT));
            }
        }
        this.hint = anyName || names.isEmpty() ? null : names.toArray(new String[0]);
    }

    /** Only the secret-like field names. */
    public static Masking defaults() {
        return of(List.of(), true);
    }

    /**
     * @param rules   field paths and {@code re:} expressions, as the class describes
     * @param secrets also mask every field named like a secret
     * @throws IllegalArgumentException naming a rule that cannot be read
     */
    public static Masking of(List<String> rules, boolean secrets) {
        List<PathRule> paths = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        for (String raw : rules) {
            String rule = raw == null ? "" : raw.strip();
            if (rule.isEmpty()) {
                continue;
            }
            if (rule.startsWith("re:")) {
                try {
                    regexes.add(Pattern.compile(rule.substring(3)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("masking rule '" + rule + "' is not a regular expression: "
                            + e.getDescription() + " near character " + e.getIndex());
                }
            } else {
                paths.add(PathRule.parse(rule));
            }
        }
        return paths.isEmpty() && regexes.isEmpty() && !secrets ? NONE : new Masking(paths, regexes, secrets);
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** The record as it may be shown: masked values replaced, everything else as it was. */
    public KafkaMessage apply(KafkaMessage m) {
        if (this == NONE || !mayApply(m)) {
            return m;
        }
        String key = maskText(m.key(), "key");
        String value = maskText(m.value(), "value");
        List<KafkaMessage.MessageHeader> headers = new ArrayList<>(m.headers().size());
        boolean headersChanged = false;
        for (KafkaMessage.MessageHeader h : m.headers()) {
            String v = h.value();
            if (v != null && maskedPath(List.of("headers", h.name()))) {
                v = MASK;
            } else {
                v = maskRegex(v);
            }
            headersChanged |= !Objects.equals(v, h.value());
            headers.add(new KafkaMessage.MessageHeader(h.name(), v));
        }
        if (Objects.equals(key, m.key()) && Objects.equals(value, m.value()) && !headersChanged) {
            return m;
        }
        return new KafkaMessage(m.topic(), m.partition(), m.offset(), m.timestamp(), m.timestampType(), key, value,
                headersChanged ? headers : m.headers(), m.keyBytes(), m.valueBytes(), m.valueSchema());
    }

    /** Could any rule touch this record? Scans the raw text once instead of parsing JSON for every record. */
    private boolean mayApply(KafkaMessage m) {
        if (!regexes.isEmpty() || hint == null) {
            return true;
        }
        if (containsAny(m.value()) || containsAny(m.key())) {
            return true;
        }
        for (KafkaMessage.MessageHeader h : m.headers()) {
            if (containsAny(h.name())) {
                return true;
            }
        }
        return false;
    }

    /** One pass over the text, comparing only where a hint's first letter stands (much cheaper than a regex). */
    private boolean containsAny(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            for (String h : hint) {
                if (h.charAt(0) == c && text.regionMatches(true, i, h, 0, h.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private String maskText(String text, String root) {
        if (text == null) {
            return null;
        }
        JsonNode json = MessageExport.asJson(text);
        if (json == null) {
            return maskRegex(text);
        }
        List<String> path = new ArrayList<>();
        path.add(root);
        JsonNode masked = mask(json, path);
        if (masked == json) {
            return text; // untouched: keep the original text, its spacing included
        }
        try {
            return JSON.writeValueAsString(masked);
        } catch (IOException e) {
            return MASK; // cannot happen for a tree just read; never show the unmasked text
        }
    }

    /** The node with masked parts replaced (a copy), or the node itself if nothing was masked. */
    private JsonNode mask(JsonNode node, List<String> path) {
        if (node.isObject()) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                path.add(e.getKey());
                JsonNode v = maskedPath(path) ? TextNode.valueOf(MASK) : mask(e.getValue(), path);
                path.remove(path.size() - 1);
                if (v != e.getValue()) {
                    copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
                    copy.set(e.getKey(), v);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = mask(node.get(i), path); // an element is reached by its array's name
                if (v != node.get(i)) {
                    copy = copy == null ? ((ArrayNode) node).deepCopy() : copy;
                    copy.set(i, v);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isTextual() && !regexes.isEmpty()) {
            String masked = maskRegex(node.asText());
            return masked.equals(node.asText()) ? node : TextNode.valueOf(masked);
        }
        return node;
    }

    private boolean maskedPath(List<String> path) {
        if (secrets && path.size() > 1 && isSecretName(path.get(path.size() - 1))) {
            return true;
        }
        for (PathRule p : paths) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private String maskRegex(String text) {
        if (text == null) {
            return null;
        }
        for (Pattern p : regexes) {
            text = p.matcher(text).replaceAll(MASK);
        }
        return text;
    }

    /** {@code clientSecret}, {@code api-key}, {@code DB_PASSWORD}: yes; {@code tokens_used}, {@code keyboard}: no. */
    static boolean isSecretName(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').replace('.', '_').toLowerCase(Locale.ROOT);
        return SECRET_NAME.matcher(snake).find();
    }

    /** A field path such as {@code value.card_number} or {@code *.email}. */
    private static final class PathRule {
        private final boolean anyDepth;
        private final List<String> segments;

        private PathRule(boolean anyDepth, List<String> segments) {
            this.anyDepth = anyDepth;
            this.segments = segments;
        }

        static PathRule parse(String rule) {
            boolean anyDepth = rule.startsWith("*.");
            String rest = anyDepth ? rule.substring(2) : rule;
            List<String> segments = List.of(rest.split("\\.", -1));
            if (segments.stream().anyMatch(String::isEmpty)
                    || !anyDepth && (segments.size() < 2 || !List.of("key", "value", "headers").contains(segments.get(0)))) {
                throw new IllegalArgumentException("masking rule '" + rule + "' is not a field path: write value.card_number, "
                        + "key.user.email, headers.authorization, value.*.email, *.email (any depth) or re:REGEX");
            }
            return new PathRule(anyDepth, segments);
        }

        boolean matches(List<String> path) {
            int n = segments.size();
            if (anyDepth ? path.size() < n + 1 : path.size() != n) {
                return false;
            }
            int offset = path.size() - n;
            for (int i = 0; i < n; i++) {
                String s = segments.get(i);
                if (!s.equals("*") && !s.equalsIgnoreCase(path.get(offset + i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
