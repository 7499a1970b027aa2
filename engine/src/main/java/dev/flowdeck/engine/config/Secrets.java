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

    /** Masks {@code password=...} style parameters inside a JDBC URL. */
    public static String redactUrl(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|secret|sslpassword)=[^&;]*", "$1=" + MASK);
    }
}
