package dev.flowdeck.engine.kafka;

import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks a Kafka cluster who it is, within a deadline: the "is it reachable?" check behind every start. */
public final class KafkaProbe {
    /** What the cluster said: its id and how many brokers answered. */
    public record ClusterInfo(String clusterId, int brokers, String controller) {
    }

    private KafkaProbe() {
    }

    /**
     * Asks the cluster who it is. A server that accepts the connection but does not answer in time is asked once
     * more: a busy machine (a cluster just started, several JVMs warming up at once) can take longer than
     * {@code timeout} for the first answer, and refusing to start then would be wrong; a server that does not listen
     * at all fails at once.
     */
    public static ClusterInfo check(KafkaSettings kafka, Duration timeout) {
        requireSomeServerListens(kafka, timeout);
        try {
            return describe(kafka, timeout);
        } catch (KafkaUnavailableException e) {
            if (!(e.getCause() instanceof TimeoutException || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException)) {
                throw e;
            }
            LoggerFactory.getLogger(KafkaProbe.class).info("Kafka at {} accepted the connection but did not answer within {} s; asking once more",
                    kafka.bootstrapServers(), timeout.toSeconds());
            return describe(kafka, timeout);
        }
    }

    private static ClusterInfo describe(KafkaSettings kafka, Duration timeout) {
        int ms = (int) timeout.toMillis();
        var config = KafkaClients.admin(kafka);
        config.put("request.timeout.ms", ms);
        config.put("default.api.timeout.ms", ms);
        config.put("client.id", "flowdeck-probe");
        try (Admin admin = Admin.create(config)) {
            DescribeClusterResult r = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
            String id = r.clusterId().get(ms, TimeUnit.MILLISECONDS);
            int brokers = r.nodes().get(ms, TimeUnit.MILLISECONDS).size();
            String controller = String.valueOf(r.controller().get(ms, TimeUnit.MILLISECONDS));
            return new ClusterInfo(id, brokers, controller);
        } catch (ExecutionException e) {
            throw unavailable(kafka, timeout, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw unavailable(kafka, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(kafka, timeout, e);
        }
    }

    /**
     * A plain TCP connect to each bootstrap server first: "connection refused" is known at once, while the admin
     * client would retry it until its deadline.
     */
    private static void requireSomeServerListens(KafkaSettings kafka, Duration timeout) {
        int perServer = (int) Math.min(2_000, timeout.toMillis());
        List<String> failures = new ArrayList<>();
        for (String server : kafka.bootstrapServers().split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))), perServer);
                return;
            } catch (IOException e) {
                failures.add(s + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        throw new KafkaUnavailableException("cannot reach Kafka at " + kafka.bootstrapServers() + " (" + String.join("; ", failures)
                + "). Check --bootstrap-servers and that the brokers are running.", null);
    }

    private static KafkaUnavailableException unavailable(KafkaSettings kafka, Duration timeout, Throwable cause) {
        String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + timeout.toSeconds() + " s"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new KafkaUnavailableException("cannot reach Kafka at " + kafka.bootstrapServers() + " (" + why + "). "
                + "Check --bootstrap-servers, the client properties (security.protocol, SASL/SSL) and that the brokers "
                + "are running.", cause);
    }
}
