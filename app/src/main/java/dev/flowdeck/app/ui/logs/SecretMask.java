package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.config.Secrets;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before the console shows or writes it: {@code password=...} style parameters (engine
 * {@link Secrets}) and the literal secret values of the current profile (a database password, a JAAS config).
 */
public final class SecretMask {
    private static final int SHORT = 4;
    private static volatile List<String> literals = List.of();

    private SecretMask() {
    }

    /** The secret values in use now; replaced when the profile changes. */
    public static void use(Collection<String> secretValues) {
        literals = secretValues.stream().filter(s -> s != null && !s.isEmpty()).distinct().toList();
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
        more.stream().filter(s -> s != null && !s.isEmpty()).forEach(all::add);
        for (String secret : all) {
            if (!out.contains(secret)) {
                continue;
            }
            if (secret.length() >= SHORT) {
                out = out.replace(secret, Secrets.MASK);
            } else {
                // a short secret ("pw1") is masked where it stands on its own, not inside every word that holds it
                out = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])")
                        .matcher(out).replaceAll(Matcher.quoteReplacement(Secrets.MASK));
            }
        }
        return out;
    }
}
