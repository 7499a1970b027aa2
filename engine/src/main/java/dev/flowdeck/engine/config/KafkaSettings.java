package dev.flowdeck.engine.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach Kafka: the bootstrap servers plus client properties (SASL, SSL, ...), the same format as Kafka's
 * {@code --command-config}. The engine cannot tell an embedded broker from a real cluster, and does not need to.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) {
    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new SettingsException("bootstrap servers are empty: give host:port[,host:port...], e.g. localhost:9092");
        }
        for (String server : bootstrapServers.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new SettingsException("bootstrap server '" + s + "' is not host:port, e.g. localhost:9092");
            }
            String port = s.substring(colon + 1);
            if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                throw new SettingsException("bootstrap server '" + s + "' has port " + port + ": a port is 1 to 65535");
            }
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** Reads a Kafka client properties file ({@code security.protocol}, {@code sasl.jaas.config}, ...). */
    public static Map<String, String> readPropertiesFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new SettingsException("cannot read the Kafka properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        out.remove("bootstrap.servers");
        return out;
    }

    /** The properties for a client of any kind, bootstrap included. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaSettings[" + bootstrapServers + ", " + Secrets.redact(clientProperties) + "]";
    }
}
