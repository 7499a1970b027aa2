package dev.flowdeck.engine.admin.schema;

import dev.flowdeck.engine.config.SettingsException;

import java.net.URI;

/**
 * Where the Schema Registry is (Confluent's REST API, also served by Apicurio Registry and Redpanda), with optional
 * basic-auth credentials.
 *
 * @param user     empty for none
 * @param password empty for none; never printed
 */
public record RegistrySettings(String url, String user, String password) {
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
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, "", "");
    }

    @Override
    public String toString() {
        return "RegistrySettings[" + url + (user.isEmpty() ? "" : ", user " + user + ", password ********") + "]";
    }
}
