package dev.flowdeck.engine.kafka;

import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import java.time.Duration;
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

    public static ClusterInfo check(KafkaSettings kafka, Duration timeout) {
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

    private static KafkaUnavailableException unavailable(KafkaSettings kafka, Duration timeout, Throwable cause) {
        String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + timeout.toSeconds() + " s"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new KafkaUnavailableException("cannot reach Kafka at " + kafka.bootstrapServers() + " (" + why + "). "
                + "Check --bootstrap-servers, the client properties (security.protocol, SASL/SSL) and that the brokers "
                + "are running.", cause);
    }
}
