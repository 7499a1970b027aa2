package dev.flowdeck.engine.tier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real requests through a real server on loopback, into the tier's queue on the wall clock. */
class TierHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TierSettings edge = new TierSettings(5, 1, 2, 100).distribution(ServiceDistribution.CONSTANT);
    private final TierSettings cloud = TierSettings.cloudDefaults();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Tiers tiers;
    private TierHttpServer edgeHttp;
    private TierHttpServer cloudHttp;

    @BeforeEach
    void start() {
        tiers = Tiers.wall(edge, cloud, new RouterSettings(), 1, name -> new LatencyRecorder());
        tiers.stage().start();
        edgeHttp = TierHttpServer.bind(tiers, TierRole.EDGE, 0, 16);
        cloudHttp = TierHttpServer.bind(tiers, TierRole.CLOUD, 0, 16);
        edgeHttp.start();
        cloudHttp.start();
    }

    @AfterEach
    void stop() {
        edgeHttp.stop();
        cloudHttp.stop();
        tiers.stage().stop();
        tiers.close();
    }

    private HttpResponse<String> post(TierHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).POST(HttpRequest.BodyPublishers.ofString("{\"id\":1}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(TierHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).GET().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void waitingRequestsAndOpenConnectionsAreBounded() {
        assertThat(edgeHttp.queueCapacity()).isEqualTo(TierHttpServer.QUEUE_LIMIT);
        assertThat(System.getProperty(TierHttpServer.MAX_CONNECTIONS_PROPERTY)).isEqualTo(Integer.toString(TierHttpServer.MAX_CONNECTIONS));
    }

    @Test
    void processAnswersWhenTheModelFinishesTheJob() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = post(edgeHttp, "/process");
        double tookMs = (System.nanoTime() - started) / 1e6;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("tier").asText()).isEqualTo("edge");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("service_ms").asDouble()).isEqualTo(5.0);
        assertThat(body.get("network_ms").asDouble()).isEqualTo(2.0);
        assertThat(body.get("latency_ms").asDouble()).isGreaterThanOrEqualTo(7.0);
        assertThat(tookMs).as("the reply waits for the model's 7 ms").isGreaterThanOrEqualTo(7.0);
    }

    @Test
    void concurrentRequestsQueueBehindTheServers() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(client.sendAsync(HttpRequest.newBuilder(URI.create(edgeHttp.uri() + "/process"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        double maxQueueing = 0;
        for (CompletableFuture<HttpResponse<String>> f : replies) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            maxQueueing = Math.max(maxQueueing, JSON.readTree(r.body()).get("queueing_ms").asDouble());
        }
        // One 5 ms server: ten requests arriving together cannot all be served at once.
        assertThat(maxQueueing).isGreaterThanOrEqualTo(20.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> tiers.edge().counts().completed() == 10);
        JsonNode m = JSON.readTree(get(edgeHttp, "/metrics").body());
        assertThat(m.get("arrivals").asLong()).isEqualTo(10);
        assertThat(m.get("completed").asLong()).isEqualTo(10);
        assertThat(m.get("in_flight").asLong()).isZero();
        assertThat(m.get("settings").get("servers").asInt()).isEqualTo(1);
        assertThat(m.has("latency_ms") && m.has("queueing_ms") && m.has("service_ms") && m.has("network_ms")).isTrue();
    }

    @Test
    void bothTiersServeTheSameEndpointsAndAnOutageAnswers503() throws Exception {
        assertThat(get(cloudHttp, "/health").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get(cloudHttp, "/health").body()).get("tier").asText()).isEqualTo("cloud");
        cloud.outage(true);
        HttpResponse<String> health = get(cloudHttp, "/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("outage");
        HttpResponse<String> r = post(cloudHttp, "/process");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("outage");
        assertThat(post(edgeHttp, "/process").statusCode()).as("the edge is not affected").isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> tiers.cloud().counts().failedOutage() == 1);
    }

    @Test
    void wrongMethodsAndPathsAreRefusedClearly() throws Exception {
        HttpResponse<String> r = get(edgeHttp, "/process");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post(edgeHttp, "/metrics").statusCode()).isEqualTo(405);
        assertThat(get(edgeHttp, "/nothing-here").statusCode()).isEqualTo(404);
        assertThat(get(edgeHttp, "/processes").statusCode()).isEqualTo(404);
    }

    @Test
    void threadsAreNamedForFlowdeckAndStopWithTheServer() throws Exception {
        post(edgeHttp, "/process");
        assertThat(threadNames()).contains("flowdeck-http-edge-dispatcher", "flowdeck-http-cloud-dispatcher", "flowdeck-tiers",
                        "flowdeck-http-edge-idle-timer", "flowdeck-http-cloud-idle-timer")
                .doesNotContain("HTTP-Dispatcher", "idle-timeout-task");
        edgeHttp.stop();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(threadNames()).noneMatch(n -> n.startsWith("flowdeck-http-edge")));
    }

    @Test
    void aServerBoundAndNeverStartedFreesItsPortOnStop() throws Exception {
        TierHttpServer idle = TierHttpServer.bind(tiers, TierRole.EDGE, 0, 2);
        int port = idle.port();
        idle.stop();
        TierHttpServer again = TierHttpServer.bind(tiers, TierRole.EDGE, port, 2);
        again.start();
        assertThat(get(again, "/health").statusCode()).isEqualTo(200);
        again.stop();
    }

    @Test
    void aTakenPortIsReportedWithTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TierHttpServer.bind(tiers, TierRole.EDGE, edgeHttp.port(), 4))
                .hasMessageContaining("127.0.0.1:" + edgeHttp.port()).hasMessageContaining("choose another port");
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
