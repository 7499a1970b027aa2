package dev.flowdeck.engine.admin.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small client of the Schema Registry REST API (the Confluent API; Apicurio and Redpanda serve it too): the few
 * GETs needed to read and write records in the registry's wire format. Schemas never change once registered, so
 * each id is fetched once. Every call times out within seconds with a message.
 */
public final class SchemaRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RegistrySettings settings;
    private final HttpClient http;
    private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> descriptors = new ConcurrentHashMap<>();

    public SchemaRegistry(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The schema registered under {@code id}. */
    public RegisteredSchema schema(int id) {
        return byId.computeIfAbsent(id, i -> {
            JsonNode n = get("/schemas/ids/" + i, "schema " + i);
            return new RegisteredSchema(i, type(n), n.path("schema").asText(), "", 0);
        });
    }

    /**
     * A Protobuf schema as a serialized {@code FileDescriptorProto}, which protobuf-java reads without a .proto
     * parser ({@code ?format=serialized}, base64).
     */
    public byte[] protobufDescriptor(int id) {
        return descriptors.computeIfAbsent(id, i -> {
            JsonNode n = get("/schemas/ids/" + i + "?format=serialized", "schema " + i);
            try {
                return Base64.getDecoder().decode(n.path("schema").asText());
            } catch (IllegalArgumentException e) {
                throw new SchemaException("the registry at " + settings.url() + " did not return schema " + i
                        + " as a serialized descriptor (format=serialized); it needs Confluent's Protobuf support", e);
            }
        });
    }

    /** Every subject, e.g. orders-value. */
    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        get("/subjects", "the subjects").forEach(s -> out.add(s.asText()));
        return out;
    }

    /** A subject's versions, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions", "subject '" + subject + "'")
                .forEach(v -> out.add(v.asInt()));
        return out;
    }

    /** The latest version of a subject's schema, for producing. */
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    /** One version of a subject's schema, for producing. */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode n = get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions/" + version,
                "version " + version + " of subject '" + subject + "'");
        RegisteredSchema s = new RegisteredSchema(n.path("id").asInt(), type(n), n.path("schema").asText(), subject, n.path("version").asInt());
        byId.putIfAbsent(s.id(), new RegisteredSchema(s.id(), s.type(), s.text(), "", 0));
        return s;
    }

    private static String type(JsonNode n) {
        return n.hasNonNull("schemaType") ? n.get("schemaType").asText() : "AVRO";
    }

    private JsonNode get(String path, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path)).timeout(TIMEOUT)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").GET();
        if (!settings.token().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.token());
        } else if (!settings.user().isEmpty()) {
            String token = settings.user() + ":" + settings.password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaException("cannot reach the Schema Registry at " + settings.url() + " for " + what + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). Check its URL in the profile.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaException("asking the Schema Registry for " + what + " was cancelled", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SchemaException("the Schema Registry at " + settings.url() + " refused the credentials (HTTP "
                    + response.statusCode() + "). Check the registry user and password (or token) in the profile.");
        }
        if (response.statusCode() == 404) {
            throw new SchemaException("the Schema Registry at " + settings.url() + " has no " + what);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaException("the Schema Registry at " + settings.url() + " answered HTTP " + response.statusCode()
                    + " for " + what + ": " + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaException("the Schema Registry at " + settings.url() + " answered with something that is not JSON for "
                    + what + ": " + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
