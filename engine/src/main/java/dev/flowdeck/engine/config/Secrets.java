package dev.flowdeck.engine.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Decides which settings are secret, so that they never reach a log line, a screenshot or an exported file. */
public final class Secrets {
    public static final String MASK = "********";

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key")
                || k.contains("token") || k.contains("credential");
    }

    /** A copy safe to print: secret values masked. */
    public static Map<String, String> redact(Map<String, String> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : v));
        return out;
    }

    /**
     * Masks {@code password=...} style parameters and the password of a {@code user:password@host} part inside a
     * URL (or any text holding one).
     */
    public static String redactUrl(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|secret|sslpassword)=[^&;\\s]*", "$1=" + MASK)
                .replaceAll("(//[^/:@\\s]*:)[^@/\\s]+@", "$1" + MASK + "@");
    }

    /** The URL with every secret part removed (not masked): what may be stored where secrets must not be. */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)[?&;](password|secret|sslpassword)=[^&;]*", "")
                .replaceAll("(//[^/:@\\s]*):[^@/\\s]+@", "$1@")
                .replaceFirst("^([^?]*)&", "$1?");
    }
}
