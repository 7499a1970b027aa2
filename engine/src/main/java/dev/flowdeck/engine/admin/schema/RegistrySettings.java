package dev.flowdeck.engine.admin.schema;

import dev.flowdeck.engine.config.SettingsException;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Schema Registry is (Confluent's REST API, also served by Apicurio Registry and Redpanda), with optional
 * credentials: a user and password (HTTP basic auth) or a bearer token.
 *
 * @param user     empty for none
 * @param password empty for none; never printed
 * @param token    a bearer token (e.g. an API key's OAuth token), empty for none; never printed. Used instead of
 *                 the user and password when both are given.
 */
public record RegistrySettings(String url, String user, String password, String token) {
    public RegistrySettings {
        if (url == null || url.isBlank()) {
            throw new SettingsException("the Schema Registry URL is empty: give e.g. http://localhost:8081");
        }
        url = url.strip().replaceAll("/+$", "");
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new SettingsException("the Schema Registry URL '" + url + "' is not an http(s) URL like http://localhost:8081");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        token = token == null ? "" : token.strip();
    }

    /** Basic auth (or none). */
    public RegistrySettings(String url, String user, String password) {
        this(url, user, password, "");
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, "", "");
    }

    /** The secret values (password, token), for masking wherever text is shown or logged. */
    public List<String> secretValues() {
        return Stream.of(password, token).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "RegistrySettings[" + url + (user.isEmpty() ? "" : ", user " + user + ", password ********")
                + (token.isEmpty() ? "" : ", token ********") + "]";
    }
}
