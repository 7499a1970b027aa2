package dev.flowdeck.engine.admin.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subset of the Confluent Schema Registry REST API that Flowdeck uses, served on a free local port: GET
 * /schemas/ids/{id} (with {@code ?format=serialized} for Protobuf), /subjects and /subjects/{s}/versions/latest, behind
 * basic auth. Stands in for a real registry, which cannot run here (Confluent's is not served; Apicurio is a Quarkus
 * application too heavy for a unit test).
 */
final class FakeRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(int id, String type, String text, byte[] descriptor, String subject) {
    }

    private final HttpServer server;
    private final Map<Integer, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> bySubject = new ConcurrentHashMap<>();
    private final String authorization;
    final AtomicInteger requests = new AtomicInteger();

    FakeRegistry(String user, String password) throws IOException {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void register(int id, String subject, String type, String text, byte[] descriptor) {
        Entry e = new Entry(id, type, text, descriptor, subject);
        byId.put(id, e);
        bySubject.put(subject, e);
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
            } else if (path.startsWith("/subjects/") && path.endsWith("/versions/latest")) {
                Entry e = bySubject.get(path.substring("/subjects/".length(), path.length() - "/versions/latest".length()));
                if (e == null) {
                    reply(x, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
                    return;
                }
                ObjectNode n = JSON.createObjectNode().put("subject", e.subject()).put("version", 1).put("id", e.id()).put("schema", e.text());
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
