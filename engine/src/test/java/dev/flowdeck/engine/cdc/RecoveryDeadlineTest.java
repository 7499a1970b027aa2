package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaDeadline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Offset recovery and offset loading with Kafka unreachable: a stop ends them at once and the limit ends them with a
 * message naming Kafka. Before, each Kafka wait had its own timeout and nothing looked at the stage being stopped.
 */
class RecoveryDeadlineTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static KafkaSettings nowhere;

    @BeforeAll
    static void closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = KafkaSettings.of("127.0.0.1:" + s.getLocalPort());
        }
    }

    /** Says "stopped" from half a second after it is made, as a stage stopped while the read waits. */
    private static BooleanSupplier stoppedSoon() {
        long at = System.nanoTime() + Duration.ofMillis(500).toNanos();
        return () -> System.nanoTime() > at;
    }

    @Test
    void loadingOffsetsEndsPromptlyWhenTheStageStops() {
        KafkaDeadline deadline = KafkaDeadline.of(nowhere, LONG, stoppedSoon());
        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThatThrownBy(() -> OffsetStore.loadLatest(nowhere, OffsetStore.PARTITION, Set.of("c"), deadline))
                        .isInstanceOf(CancellationException.class)
                        .hasMessageContaining("stopped while"));
    }

    @Test
    void recoveryEndsPromptlyWhenTheStageStops() {
        KafkaDeadline deadline = KafkaDeadline.of(nowhere, LONG, stoppedSoon());
        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThatThrownBy(() -> OffsetRecovery.recover(nowhere, "c", "tx", "events", deadline))
                        .isInstanceOf(CancellationException.class));
    }

    @Test
    void recoveryEndsAtItsLimitNamingTheUnreachableKafka() {
        KafkaDeadline deadline = KafkaDeadline.of(nowhere, Duration.ofSeconds(2));
        assertTimeoutPreemptively(Duration.ofSeconds(6), () ->
                assertThatThrownBy(() -> OffsetRecovery.recover(nowhere, "c", "tx", "events", deadline))
                        .isInstanceOf(TimeoutException.class)
                        .hasMessageContaining("Kafka at " + nowhere.bootstrapServers() + " did not answer within 2 s")
                        .hasMessageContaining("is it running and reachable"));
    }

    @Test
    void loadingOffsetsEndsAtItsLimitNamingTheUnreachableKafka() {
        assertTimeoutPreemptively(Duration.ofSeconds(6), () ->
                assertThatThrownBy(() -> OffsetStore.loadAll(nowhere, Duration.ofSeconds(2)))
                        .isInstanceOf(TimeoutException.class)
                        .hasMessageContaining("Kafka at " + nowhere.bootstrapServers()));
    }
}
