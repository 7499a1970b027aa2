package dev.flowdeck.engine.tier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import dev.flowdeck.engine.config.SettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tier's HTTP endpoint on loopback, the same for both tiers (JDK {@code com.sun.net.httpserver}, module
 * {@code jdk.httpserver}):
 * <ul>
 *   <li>{@code POST /process}: one request into this tier's queue (past the router), answered when the model
 *       finishes it: 200 with the job's latency split, or 503 when it failed (queue full, outage);</li>
 *   <li>{@code GET /health}: 200 while the tier is up, 503 during an outage;</li>
 *   <li>{@code GET /metrics}: the tier's counts and latencies as JSON.</li>
 * </ul>
 * Each request holds one handler thread ({@code flowdeck-http-<tier>-N}) while it waits for its reply, so up to
 * {@code threads} requests can be in the tier at once; more wait for a thread.
 */
public final class TierHttpServer implements Stage {
    public static final int DEFAULT_THREADS = 64;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final long REPLY_TIMEOUT_MS = 120_000;
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(TierHttpServer.class);

    static {
        // The JDK server writes a reply's headers and body separately and leaves Nagle's algorithm on, so the body
        // waits for the client's delayed ACK: about 40 ms added to every request. Read once, when the first server
        // of this JVM is made; a value set by the user wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final Tiers tiers;
    private final TierRole role;
    private final int threads;
    private final int port;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private volatile boolean started;
    private volatile StageStatus status = StageStatus.stopped();

    private TierHttpServer(Tiers tiers, TierRole role, int threads, HttpServer bound) {
        this.tiers = tiers;
        this.role = role;
        this.threads = threads;
        this.server = bound;
        this.port = bound.getAddress().getPort();
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: any free port) now, so a taken port is reported before the pipeline starts;
     * {@link #start()} then serves.
     */
    public static TierHttpServer bind(Tiers tiers, TierRole role, int port, int threads) {
        if (port < 0 || port > 65_535) {
            throw new SettingsException(role.label() + " endpoint port must be between 0 (any free port) and 65535 (got " + port + ")");
        }
        if (threads < 1 || threads > 4096) {
            throw new SettingsException(role.label() + " endpoint threads must be between 1 and 4096 (got " + threads + ")");
        }
        return new TierHttpServer(tiers, role, threads, create(role, port));
    }

    private static HttpServer create(TierRole role, int port) {
        try {
            synchronized (TierHttpServer.class) {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
                renameThreads("idle-timeout-task", "flowdeck-http-" + role.label() + "-idle-timer");
                return s;
            }
        } catch (BindException e) {
            throw new SettingsException("the " + role.label() + " endpoint cannot listen on 127.0.0.1:" + port
                    + " (" + e.getMessage() + "): choose another port, or 0 for any free one");
        } catch (IOException e) {
            throw new SettingsException("the " + role.label() + " endpoint cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
    }

    @Override
    public StageId id() {
        return role == TierRole.EDGE ? StageId.EDGE_ENDPOINT : StageId.CLOUD_ENDPOINT;
    }

    public TierRole role() {
        return role;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public StageStatus status() {
        return status;
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        try {
            if (server == null) {
                server = create(role, port); // a restart after stop(): an HttpServer serves once
            }
        } catch (SettingsException e) {
            status = StageStatus.of(StageState.FAILED, e.getMessage());
            return;
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "flowdeck-http-" + role.label() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/process", this::process);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
        synchronized (TierHttpServer.class) {
            server.start();
            renameThreads("HTTP-Dispatcher", "flowdeck-http-" + role.label() + "-dispatcher");
        }
        started = true;
        status = StageStatus.of(StageState.RUNNING, "serving " + uri());
    }

    /**
     * The JDK names the server's own threads {@code idle-timeout-task} (made with the server) and
     * {@code HTTP-Dispatcher} (made when it starts); every Flowdeck thread is named for the project. Servers are made
     * and started one at a time (under this class's lock), so the only threads of those names are the ones just
     * made. {@link HttpServer#stop(int)} ends both.
     */
    private static void renameThreads(String jdkName, String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(jdkName)) {
                t.setName(name);
            }
        }
    }

    /** Stops serving, ends the handler threads and frees the port (also for a server bound and never started). */
    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        if (!started) {
            // The JDK closes the listening socket on its dispatcher thread: a server that never started would keep
            // the port. Started with no contexts, it answers nothing but 404 for the instant before it stops.
            synchronized (TierHttpServer.class) {
                server.start();
                renameThreads("HTTP-Dispatcher", "flowdeck-http-" + role.label() + "-dispatcher");
            }
        }
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow(); // handler threads wait on a future: an interrupt ends the wait
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("{} endpoint threads did not stop within 5 s", role.label());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        server = null;
        started = false;
        status = StageStatus.stopped();
    }

    private void process(HttpExchange ex) throws IOException {
        try (ex) {
            if (!exactPath(ex, "/process") || !method(ex, "POST")) {
                return;
            }
            skipBody(ex.getRequestBody());
            CompletableFuture<Job> reply = new CompletableFuture<>();
            if (!tiers.submitTo(role, -1, reply::complete)) {
                send(ex, 503, error("busy: the " + role.label() + " tier's inbox is full"));
                return;
            }
            Job job;
            try {
                job = reply.get(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                send(ex, 504, error("no reply within " + REPLY_TIMEOUT_MS / 1000 + " s"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(ex, 503, error("the endpoint is stopping"));
                return;
            } catch (ExecutionException e) {
                send(ex, 500, error(String.valueOf(e.getCause())));
                return;
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("tier", job.servedBy());
            o.put("job", job.id());
            if (job.completed()) {
                o.put("status", "completed");
                o.put("latency_ms", job.latencyNanos() / 1e6);
                o.put("queueing_ms", job.queueingNanos() / 1e6);
                o.put("service_ms", job.serviceNanos() / 1e6);
                o.put("network_ms", job.networkNanos() / 1e6);
                send(ex, 200, o);
            } else {
                o.put("status", "failed");
                o.put("error", job.failure().label());
                send(ex, 503, o);
            }
        }
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            if (!exactPath(ex, "/health") || !method(ex, "GET")) {
                return;
            }
            TierSettings s = tiers.tier(role).settings();
            TierCounts c = tiers.tier(role).counts();
            ObjectNode o = JSON.createObjectNode();
            o.put("tier", role.label());
            o.put("status", s.outage() ? "outage" : "up");
            o.put("servers", s.servers());
            o.put("queued", c.queued());
            o.put("in_service", c.inService());
            send(ex, s.outage() ? 503 : 200, o);
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (ex) {
            if (!exactPath(ex, "/metrics") || !method(ex, "GET")) {
                return;
            }
            ObjectNode o = TierJson.snapshot(tiers.tier(role).snapshot());
            o.set("settings", TierJson.settings(tiers.tier(role).settings()));
            send(ex, 200, o);
        }
    }

    private static boolean exactPath(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestURI().getPath().equals(path)) {
            send(ex, 404, error("no such endpoint: use POST /process, GET /health or GET /metrics"));
            return false;
        }
        return true;
    }

    private static boolean method(HttpExchange ex, String wanted) throws IOException {
        if (!ex.getRequestMethod().equalsIgnoreCase(wanted)) {
            ex.getResponseHeaders().set("Allow", wanted);
            send(ex, 405, error(ex.getRequestURI().getPath() + " takes " + wanted));
            return false;
        }
        return true;
    }

    private static void skipBody(InputStream body) throws IOException {
        byte[] buf = new byte[8192];
        int total = 0;
        int n;
        while ((n = body.read(buf)) > 0 && total < MAX_BODY_BYTES) {
            total += n;
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        return o;
    }

    private static void send(HttpExchange ex, int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
