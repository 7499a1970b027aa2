package dev.flowdeck.engine.admin;

import java.util.List;

/**
 * What a change will do, in plain words, shown before it is applied: the effects, what to watch out for, and any
 * problem that blocks it. A change with problems is never applied.
 */
public record ChangePreview(String action, List<String> effects, List<String> warnings, List<String> problems) {
    public ChangePreview {
        effects = List.copyOf(effects);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    public static ChangePreview blocked(String action, String problem) {
        return new ChangePreview(action, List.of(), List.of(), List.of(problem));
    }

    public boolean allowed() {
        return problems.isEmpty();
    }

    /** The preview as text: the action, then one line per effect, warning and problem. */
    public String text() {
        StringBuilder out = new StringBuilder(action);
        for (String p : problems) {
            out.append("\n✗ ").append(p);
        }
        for (String e : effects) {
            out.append("\n• ").append(e);
        }
        for (String w : warnings) {
            out.append("\n⚠ ").append(w);
        }
        return out.toString();
    }
}
