package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.config.Secrets;

import java.util.Collection;
import java.util.List;

/**
 * Masks secrets in text before the console shows or writes it: {@code password=...} style parameters (engine
 * {@link Secrets}) and the literal secret values of the current profile (a database password, a JAAS config).
 */
public final class SecretMask {
    private static volatile List<String> literals = List.of();

    private SecretMask() {
    }

    /** The secret values in use now; replaced when the profile changes. Values shorter than 4 chars are ignored. */
    public static void use(Collection<String> secretValues) {
        literals = secretValues.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
    }

    public static String apply(String text) {
        return apply(text, List.of());
    }

    /** Masks as {@link #apply(String)} does, and also {@code more} secret values (e.g. of a profile being tested). */
    public static String apply(String text, Collection<String> more) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = Secrets.redactUrl(text);
        List<String> all = new java.util.ArrayList<>(literals);
        more.stream().filter(s -> s != null && s.length() >= 4).forEach(all::add);
        for (String secret : all) {
            if (out.contains(secret)) {
                out = out.replace(secret, Secrets.MASK);
            }
        }
        return out;
    }
}
