package dev.flowdeck.app.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.config.OwnerOnly;
import dev.flowdeck.engine.config.Secrets;
import dev.flowdeck.engine.config.SettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection profiles, saved in the config folder.
 *
 * <p>{@code profiles.json} holds everything but secrets: names, bootstrap servers, non-secret Kafka client
 * properties, JDBC URL, user. Secrets (the database password and Kafka properties that {@link Secrets#isSecretKey}
 * calls secret, such as {@code sasl.jaas.config}, and the Schema Registry's password and token) are kept on disk only for profiles whose "remember secrets" box is
 * ticked, in {@code secrets.properties}, created with owner-only permissions (600) on POSIX systems. Otherwise they
 * live in memory until the app closes and must be typed again next time. Neither file is ever logged or exported.
 * The Embedded profile always exists and cannot be changed or deleted.
 */
public final class ProfileStore {
    public static final String PROFILES = "profiles.json";
    public static final String SECRETS = "secrets.properties";
    private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);

    /** Jackson is only needed once there is a file to read or something to save: keep it off the start-up path. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Path dir;
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private String selected = Profile.EMBEDDED_NAME;

    private ProfileStore(Path dir) {
        this.dir = dir;
        profiles.put(Profile.EMBEDDED_NAME, Profile.embedded());
    }

    /** Reads both files; a missing or unreadable file means "just the Embedded profile". Call off the FX thread. */
    public static ProfileStore load(Path configDir) {
        ProfileStore store = new ProfileStore(configDir);
        Path file = configDir.resolve(PROFILES);
        if (!Files.isRegularFile(file)) {
            return store;
        }
        Properties secrets = new Properties();
        Path secretFile = configDir.resolve(SECRETS);
        if (Files.isRegularFile(secretFile)) {
            try (Reader r = Files.newBufferedReader(secretFile, StandardCharsets.UTF_8)) {
                secrets.load(r);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("ignoring unreadable {}: {}", secretFile, e.getMessage());
            }
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            for (JsonNode p : root.path("profiles")) {
                String name = p.path("name").asText("");
                if (name.isBlank() || name.equals(Profile.EMBEDDED_NAME)) {
                    continue;
                }
                Map<String, String> kafka = new LinkedHashMap<>();
                p.path("kafka_properties").fields().forEachRemaining(e -> kafka.put(e.getKey(), e.getValue().asText()));
                String prefix = secrets.stringPropertyNames().stream().anyMatch(k -> k.startsWith(secretPrefix(name)))
                        ? secretPrefix(name) : legacySecretPrefix(name);
                secrets.stringPropertyNames().stream().filter(k -> k.startsWith(prefix + "kafka."))
                        .forEach(k -> kafka.put(k.substring((prefix + "kafka.").length()), secrets.getProperty(k)));
                boolean remember = p.path("remember_secrets").asBoolean(false);
                store.profiles.put(name, new Profile(name, Profile.Kind.EXTERNAL, p.path("bootstrap_servers").asText(""), kafka,
                        secrets.getProperty(prefix + "db.url", p.path("jdbc_url").asText("")), p.path("db_user").asText(""),
                        secrets.getProperty(prefix + "db.password", ""), remember, registry(p.path("schema_registry"), secrets, prefix)));
            }
            String sel = root.path("selected").asText(Profile.EMBEDDED_NAME);
            store.selected = store.profiles.containsKey(sel) ? sel : Profile.EMBEDDED_NAME;
        } catch (IOException e) {
            log.warn("ignoring unreadable {}: {}", file, e.getMessage());
        }
        return store;
    }

    /** The profile's registry: URL and user from profiles.json, password and token from the secrets file. */
    private static RegistrySettings registry(JsonNode n, Properties secrets, String prefix) {
        String url = n.path("url").asText("");
        if (url.isBlank()) {
            return null;
        }
        try {
            return new RegistrySettings(url, n.path("user").asText(""), secrets.getProperty(prefix + "registry.password", ""),
                    secrets.getProperty(prefix + "registry.token", ""));
        } catch (SettingsException e) {
            log.warn("ignoring the Schema Registry of a profile: {}", e.getMessage());
            return null;
        }
    }

    public synchronized List<Profile> all() {
        return List.copyOf(profiles.values());
    }

    public synchronized Optional<Profile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public synchronized Profile selected() {
        return profiles.getOrDefault(selected, Profile.embedded());
    }

    public synchronized void select(String name) {
        if (profiles.containsKey(name)) {
            selected = name;
        }
    }

    /** Adds or replaces a profile (not Embedded). */
    public synchronized void put(Profile p) {
        if (p.name().isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        if (p.name().equals(Profile.EMBEDDED_NAME)) {
            throw new IllegalArgumentException("'" + Profile.EMBEDDED_NAME + "' is the built-in profile: choose another name");
        }
        profiles.put(p.name(), p);
    }

    public synchronized void remove(String name) {
        if (!name.equals(Profile.EMBEDDED_NAME)) {
            profiles.remove(name);
            if (selected.equals(name)) {
                selected = Profile.EMBEDDED_NAME;
            }
        }
    }

    /** Writes both files atomically. Call off the FX thread. */
    public void save() throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        Properties secrets = new Properties();
        synchronized (this) {
            root.put("selected", selected);
            ArrayNode list = root.putArray("profiles");
            for (Profile p : profiles.values()) {
                if (p.isEmbedded()) {
                    continue;
                }
                ObjectNode n = list.addObject();
                n.put("name", p.name());
                n.put("bootstrap_servers", p.bootstrapServers());
                ObjectNode kafka = n.putObject("kafka_properties");
                String prefix = secretPrefix(p.name());
                p.kafkaProperties().forEach((k, v) -> {
                    if (!Secrets.isSecretKey(k)) {
                        kafka.put(k, v);
                    } else if (p.rememberSecrets()) {
                        secrets.setProperty(prefix + "kafka." + k, v);
                    }
                });
                // a password inside the URL (password=..., user:pw@host) is a secret like the password field
                String url = Secrets.withoutSecrets(p.jdbcUrl());
                n.put("jdbc_url", url);
                if (p.rememberSecrets() && !url.equals(p.jdbcUrl())) {
                    secrets.setProperty(prefix + "db.url", p.jdbcUrl());
                }
                n.put("db_user", p.dbUser());
                p.schemaRegistry().ifPresent(r -> {
                    n.putObject("schema_registry").put("url", r.url()).put("user", r.user());
                    if (p.rememberSecrets() && !r.password().isEmpty()) {
                        secrets.setProperty(prefix + "registry.password", r.password());
                    }
                    if (p.rememberSecrets() && !r.token().isEmpty()) {
                        secrets.setProperty(prefix + "registry.token", r.token());
                    }
                });
                n.put("remember_secrets", p.rememberSecrets());
                if (p.rememberSecrets() && !p.dbPassword().isEmpty()) {
                    secrets.setProperty(prefix + "db.password", p.dbPassword());
                }
            }
        }
        OwnerOnly.directory(dir);
        Path tmp = dir.resolve(PROFILES + ".tmp");
        Files.deleteIfExists(tmp);
        OwnerOnly.file(Files.createFile(tmp));
        Json.MAPPER.writeValue(tmp.toFile(), root);
        Files.move(tmp, dir.resolve(PROFILES), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeSecrets(secrets);
    }

    private void writeSecrets(Properties secrets) throws IOException {
        Path file = dir.resolve(SECRETS);
        if (secrets.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Path tmp = dir.resolve(SECRETS + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            secrets.store(w, "Flowdeck connection secrets, readable by you only. Delete this file to forget them.");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One key per profile name: percent-encoded, so "a b", "a_b" and "a.b" keep their own secrets. */
    private static String secretPrefix(String profileName) {
        return "profile." + URLEncoder.encode(profileName, StandardCharsets.UTF_8).replace(".", "%2E") + ".";
    }

    /** The key files written before names were encoded, read so that remembered secrets survive the update. */
    private static String legacySecretPrefix(String profileName) {
        return "profile." + profileName.replaceAll("[^A-Za-z0-9_-]", "_") + ".";
    }

    public Path dir() {
        return dir;
    }

    /** Names in order, Embedded first. */
    public synchronized List<String> names() {
        return new ArrayList<>(profiles.keySet());
    }
}
