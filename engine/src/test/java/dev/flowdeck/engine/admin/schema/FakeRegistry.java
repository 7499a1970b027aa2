package dev.flowdeck.engine.admin.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The subset of the Confluent Schema Registry REST API that Flowdeck uses, served on a free local port: GET
 * /schemas/ids/{id} (with {@code ?format=serialized} for Protobuf), /subjects, /subjects/{s}/versions and
 * /subjects/{s}/versions/{n|latest}, behind basic auth or a bearer token. Stands in for a real registry, which cannot
 * run here (Confluent's is not served; Apicurio is a Quarkus application too heavy for a unit test). Public for the
 * app's page tests (the engine's test jar).
 */
public final class FakeRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(int id, String type, String text, byte[] descriptor, String subject) {
    }

    private final HttpServer server;
    private final Map<Integer, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> bySubject = new ConcurrentHashMap<>();
    private final String authorization;
    final AtomicInteger requests = new AtomicInteger();

    public FakeRegistry(String user, String password) throws IOException {
        this("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Behind a bearer token instead of basic auth. */
    public static FakeRegistry withToken(String token) throws IOException {
        return new FakeRegistry("Bearer " + token);
    }

    private FakeRegistry(String authorization) throws IOException {
        this.authorization = authorization;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers the next version of {@code subject}. */
    public void register(int id, String subject, String type, String text, byte[] descriptor) {
        Entry e = new Entry(id, type, text, descriptor, subject);
        byId.put(id, e);
        bySubject.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(e);
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        try (x) {
            if (!authorization.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                reply(x, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            String path = x.getRequestURI().getPath();
            String query = x.getRequestURI().getQuery();
            if (path.equals("/subjects")) {
                reply(x, 200, JSON.writeValueAsString(bySubject.keySet()));
            } else if (path.startsWith("/schemas/ids/")) {
                Entry e = byId.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
                if (e == null) {
                    reply(x, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                    return;
                }
                ObjectNode n = JSON.createObjectNode();
                boolean serialized = "format=serialized".equals(query) && e.descriptor() != null;
                n.put("schema", serialized ? Base64.getEncoder().encodeToString(e.descriptor()) : e.text());
                if (!e.type().equals("AVRO")) {
                    n.put("schemaType", e.type());
                }
                reply(x, 200, n.toString());
            } else if (path.startsWith("/subjects/") && path.endsWith("/versions")) {
                List<Entry> versions = bySubject.get(path.substring("/subjects/".length(), path.length() - "/versions".length()));
                if (versions == null) {
                    reply(x, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
                    return;
                }
                reply(x, 200, JSON.writeValueAsString(IntStream.rangeClosed(1, versions.size()).boxed().toList()));
            } else if (path.startsWith("/subjects/") && path.contains("/versions/")) {
                String rest = path.substring("/subjects/".length());
                List<Entry> versions = bySubject.get(rest.substring(0, rest.indexOf("/versions/")));
                String v = rest.substring(rest.indexOf("/versions/") + "/versions/".length());
                int version = versions == null ? 0 : v.equals("latest") ? versions.size() : Integer.parseInt(v);
                if (versions == null || version < 1 || version > versions.size()) {
                    reply(x, 404, "{\"error_code\":40401,\"message\":\"Subject or version not found\"}");
                    return;
                }
                Entry e = versions.get(version - 1);
                ObjectNode n = JSON.createObjectNode().put("subject", e.subject()).put("version", version).put("id", e.id()).put("schema", e.text());
                if (!e.type().equals("AVRO")) {
                    n.put("schemaType", e.type());
                }
                reply(x, 200, n.toString());
            } else {
                reply(x, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
            }
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
