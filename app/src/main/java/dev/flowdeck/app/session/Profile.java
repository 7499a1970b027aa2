package dev.flowdeck.app.session;

import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.config.Secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pipeline runs: the embedded broker and database, or a real Kafka cluster and a real PostgreSQL. An
 * external profile may leave the JDBC URL empty to keep the embedded H2 (Kafka only), and vice versa.
 *
 * @param kafkaProperties client properties (SASL/SSL), secret values included; {@link #toString()} masks them
 * @param rememberSecrets whether the store may keep the password and secret properties on disk
 * @param registry        the Schema Registry that decodes Avro and Protobuf records, null for none; its password
 *                        and token are secrets like the database password
 */
public record Profile(String name, Kind kind, String bootstrapServers, Map<String, String> kafkaProperties,
                      String jdbcUrl, String dbUser, String dbPassword, boolean rememberSecrets, RegistrySettings registry) {
    public enum Kind { EMBEDDED, EXTERNAL }

    public static final String EMBEDDED_NAME = "Embedded";

    public Profile {
        name = name == null ? "" : name.strip();
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
        bootstrapServers = blankToEmpty(bootstrapServers);
        jdbcUrl = blankToEmpty(jdbcUrl);
        dbUser = blankToEmpty(dbUser);
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    /** Without a Schema Registry. */
    public Profile(String name, Kind kind, String bootstrapServers, Map<String, String> kafkaProperties,
                   String jdbcUrl, String dbUser, String dbPassword, boolean rememberSecrets) {
        this(name, kind, bootstrapServers, kafkaProperties, jdbcUrl, dbUser, dbPassword, rememberSecrets, null);
    }

    public Optional<RegistrySettings> schemaRegistry() {
        return Optional.ofNullable(registry);
    }

    public static Profile embedded() {
        return new Profile(EMBEDDED_NAME, Kind.EMBEDDED, "", Map.of(), "", "", "", false);
    }

    public boolean isEmbedded() {
        return kind == Kind.EMBEDDED;
    }

    public boolean embeddedKafka() {
        return isEmbedded() || bootstrapServers.isEmpty();
    }

    public boolean embeddedDatabase() {
        return isEmbedded() || jdbcUrl.isEmpty();
    }

    public Infrastructure.Options toOptions(Path dataDir) {
        if (isEmbedded()) {
            return Infrastructure.Options.embedded(dataDir);
        }
        return new Infrastructure.Options(dataDir, bootstrapServers, kafkaProperties, jdbcUrl, dbUser, dbPassword);
    }

    /** One line for the status bar, without secrets: "Embedded Kafka + H2" or "kafka1:9092 · postgresql://db/x". */
    public String describe() {
        String kafka = embeddedKafka() ? "embedded Kafka" : "Kafka " + bootstrapServers;
        String db = embeddedDatabase() ? "embedded H2" : Secrets.redactUrl(jdbcUrl).replaceFirst("^jdbc:", "");
        return kafka + " · " + db;
    }

    public Profile withName(String newName) {
        return new Profile(newName, kind, bootstrapServers, kafkaProperties, jdbcUrl, dbUser, dbPassword, rememberSecrets, registry);
    }

    /** The literal secret values of this profile, for masking them wherever text is shown or written. */
    public java.util.List<String> secretValues() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!dbPassword.isEmpty()) {
            out.add(dbPassword);
        }
        kafkaProperties.forEach((k, v) -> {
            if (Secrets.isSecretKey(k) && !v.isEmpty()) {
                out.add(v);
            }
        });
        if (registry != null) {
            out.addAll(registry.secretValues());
        }
        return out;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    @Override
    public String toString() {
        return "Profile[" + name + ", " + kind + ", " + describe() + ", user=" + dbUser + ", password="
                + (dbPassword.isEmpty() ? "" : Secrets.MASK) + ", kafka=" + Secrets.redact(kafkaProperties)
                + (registry == null ? "" : ", " + registry) + "]";
    }
}
