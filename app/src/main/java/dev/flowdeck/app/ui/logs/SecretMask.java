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
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = Secrets.redactUrl(text);
        for (String secret : literals) {
            if (out.contains(secret)) {
                out = out.replace(secret, Secrets.MASK);
            }
        }
        return out;
    }
}
