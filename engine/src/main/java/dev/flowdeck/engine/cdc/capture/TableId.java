package dev.flowdeck.engine.cdc.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A captured table, written {@code schema.table}. Its events go to one topic, {@code <prefix>.<schema>.<table>}.
 */
public record TableId(String schema, String table) {
    public static final String DEFAULT_TOPIC_PREFIX = "flowdeck";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public TableId {
        check(schema, "schema");
        check(table, "table");
    }

    /** Reads {@code schema.table}, e.g. {@code public.orders}. */
    public static TableId parse(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1 || t.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + t + "' is not schema.table: write e.g. public.orders");
        }
        return new TableId(t.substring(0, dot), t.substring(dot + 1));
    }

    /** Reads a comma-separated list, e.g. {@code public.orders,public.order_lines}; repeats are dropped. */
    public static List<TableId> parseList(String text) {
        LinkedHashSet<TableId> out = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no table given: write e.g. --tables public.orders,public.order_lines");
        }
        return new ArrayList<>(out);
    }

    /** The table's topic: {@code <prefix>.<schema>.<table>}. */
    public String topic(String prefix) {
        return prefix + "." + schema + "." + table;
    }

    /** True when both name the same table regardless of case (H2 and PostgreSQL fold unquoted names differently). */
    public boolean sameIgnoringCase(TableId other) {
        return schema.equalsIgnoreCase(other.schema) && table.equalsIgnoreCase(other.table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }

    private static void check(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + what
                    + " name: use letters, digits and underscores, e.g. public.orders");
        }
    }
}
