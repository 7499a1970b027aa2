package dev.flowdeck.engine.kafka;

import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.common.KafkaFuture;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * How long a start-up read of Kafka (offset recovery, loading offsets) may take, and whether the stage doing it was
 * stopped meanwhile. Every loop that waits on Kafka goes through one of these, in steps of {@link #STEP}, so an
 * unreachable Kafka ends the read within the limit with a message naming it, and a stop ends it at once.
 */
public final class KafkaDeadline {
    static final Duration STEP = Duration.ofMillis(200);
    private final String servers;
    private final Duration limit;
    private final long deadline;
    private final BooleanSupplier stopped;

    private KafkaDeadline(String servers, Duration limit, BooleanSupplier stopped) {
        this.servers = servers;
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
        this.stopped = stopped;
    }

    /** A read of {@code kafka} that ends after {@code limit}, or as soon as {@code stopped} says so. */
    public static KafkaDeadline of(KafkaSettings kafka, Duration limit, BooleanSupplier stopped) {
        return new KafkaDeadline(kafka.bootstrapServers(), limit, stopped);
    }

    /** A read of {@code kafka} that ends after {@code limit} (nothing stops it earlier). */
    public static KafkaDeadline of(KafkaSettings kafka, Duration limit) {
        return of(kafka, limit, () -> false);
    }

    /** A wait on an already open client, whose servers are not at hand, ending after {@code limit}. */
    static KafkaDeadline within(Duration limit) {
        return new KafkaDeadline(null, limit, () -> false);
    }

    /**
     * Throws a {@link CancellationException} when the stage was stopped, a {@link TimeoutException} naming Kafka and
     * {@code what} when the limit has passed.
     */
    public void check(String what) throws TimeoutException {
        if (stopped.getAsBoolean()) {
            throw new CancellationException("stopped while " + what);
        }
        if (System.nanoTime() > deadline) {
            throw new TimeoutException("Kafka" + (servers == null ? "" : " at " + servers) + " did not answer within " + limit.toSeconds() + " s while "
                    + what + ": is it running and reachable from here (bootstrap servers, firewall, credentials)?");
        }
    }

    /** The value of an admin call, waited for in steps so that a stop or the limit ends the wait. */
    public <T> T await(KafkaFuture<T> future, String what) throws TimeoutException, ExecutionException, InterruptedException {
        while (true) {
            check(what);
            try {
                return future.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // checked again above
            }
        }
    }

    /**
     * The result of a blocking client call given {@link #STEP} as its own timeout (e.g. {@code consumer.position(tp, step)}),
     * called again after each Kafka timeout until it answers, the stage stops or the limit passes.
     */
    public <T> T retry(java.util.function.Function<Duration, T> call, String what) throws TimeoutException {
        while (true) {
            check(what);
            try {
                return call.apply(STEP);
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                // checked again above
            }
        }
    }

    /** Waits briefly between two looks at something Kafka is still resolving, ending early on a stop. */
    public void pause(String what) throws TimeoutException, InterruptedException {
        check(what);
        Thread.sleep(50); // the coordinator is writing markers; Kafka offers nothing to wait on
    }

}
