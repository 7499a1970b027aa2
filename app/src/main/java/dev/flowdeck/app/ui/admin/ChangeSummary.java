package dev.flowdeck.app.ui.admin;

import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A change event's operation in words for the Messages page, and for an update the fields it changed, e.g.
 * {@code update: amount, status}; empty for a record that is not a change envelope.
 */
final class ChangeSummary {
    private ChangeSummary() {
    }

    static String of(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.charAt(0) != '{' || !value.contains("\"op\"")) {
            return "";
        }
        return ChangeEnvelope.read(value.getBytes(StandardCharsets.UTF_8)).map(ChangeSummary::describe).orElse("");
    }

    private static String describe(ChangeEnvelope.Read e) {
        return switch (e.op()) {
            case READ -> "snapshot";
            case CREATE -> "insert";
            case DELETE -> "delete";
            case UPDATE -> {
                Set<String> changed = e.changedFields();
                yield changed.isEmpty() ? "update" : "update: " + String.join(", ", changed);
            }
        };
    }
}
