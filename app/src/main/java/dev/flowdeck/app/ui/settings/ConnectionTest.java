package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.DatabaseProbe;
import dev.flowdeck.engine.kafka.KafkaProbe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks a profile's Kafka and database at the same time, each within {@link #EACH}, so the answer comes within
 * {@link #LIMIT} whatever happens. Blocking: run it through the TaskRunner. Messages never contain a secret.
 */
public final class ConnectionTest {
    public static final Duration EACH = Duration.ofSeconds(8);
    public static final Duration LIMIT = Duration.ofSeconds(10);

    /** The outcome per part; {@code ok} only if both parts are. */
    public record Result(boolean ok, boolean kafkaOk, String kafka, boolean databaseOk, String database, long millis) {
        public String summary() {
            return (ok ? "Both reachable" : "Not reachable") + " (" + millis + " ms)";
        }
    }

    /** The two probes, replaceable in tests. */
    public interface Probes {
        String kafka(KafkaSettings settings, Duration timeout);

        String database(DbSettings settings, Duration timeout);
    }

    public static final Probes REAL = new Probes() {
        @Override
        public String kafka(KafkaSettings settings, Duration timeout) {
            KafkaProbe.ClusterInfo info = KafkaProbe.check(settings, timeout);
            return "cluster " + info.clusterId() + ", " + info.brokers() + (info.brokers() == 1 ? " broker" : " brokers");
        }

        @Override
        public String database(DbSettings settings, Duration timeout) {
            DatabaseProbe.Info info = DatabaseProbe.check(settings, timeout);
            return info.product() + " " + info.version();
        }
    };

    private ConnectionTest() {
    }

    public static Result run(Profile p, Probes probes) {
        long t0 = System.nanoTime();
        CompletableFuture<String> kafka = p.embeddedKafka()
                ? CompletableFuture.completedFuture("embedded broker: starts with Flowdeck, nothing to test")
                : CompletableFuture.supplyAsync(() -> probes.kafka(new KafkaSettings(p.bootstrapServers(), p.kafkaProperties()), EACH));
        CompletableFuture<String> db = p.embeddedDatabase()
                ? CompletableFuture.completedFuture("embedded H2: starts with Flowdeck, nothing to test")
                : CompletableFuture.supplyAsync(() -> probes.database(new DbSettings(p.jdbcUrl(), p.dbUser(), p.dbPassword()), EACH));
        long deadline = t0 + LIMIT.toNanos();
        String[] k = outcome(kafka, deadline);
        String[] d = outcome(db, deadline);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        boolean kOk = k[0] != null;
        boolean dOk = d[0] != null;
        return new Result(kOk && dOk, kOk, kOk ? k[0] : k[1], dOk, dOk ? d[0] : d[1], ms);
    }

    /** {ok message, null} or {null, failure message}. */
    private static String[] outcome(CompletableFuture<String> f, long deadlineNanos) {
        try {
            long left = Math.max(1, deadlineNanos - System.nanoTime());
            return new String[] {f.get(left, TimeUnit.NANOSECONDS), null};
        } catch (TimeoutException e) {
            f.cancel(true);
            return new String[] {null, "no answer within " + LIMIT.toSeconds() + " s"};
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new String[] {null, String.valueOf(cause.getMessage())};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new String[] {null, "interrupted"};
        }
    }
}
