package dev.flowdeck.engine.kafka;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaProbeTest {
    @Test
    void reachableBrokerAnswersWithItsCluster(@TempDir Path dir) {
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir))) {
            KafkaProbe.ClusterInfo info = KafkaProbe.check(KafkaSettings.of(broker.bootstrapServers()), Duration.ofSeconds(30));
            assertThat(info.brokers()).isEqualTo(1);
            assertThat(info.clusterId()).isNotBlank();
        }
    }

    @Test
    void unreachableBrokerFailsWithinTenSecondsNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        KafkaSettings nowhere = new KafkaSettings("127.0.0.1:" + closedPort, Map.of("sasl.jaas.config", "secret-jaas"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> KafkaProbe.check(nowhere, Duration.ofSeconds(5)))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("Check --bootstrap-servers")
                .hasMessageNotContaining("secret-jaas");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void malformedBootstrapServersAreRejected() {
        assertThatThrownBy(() -> KafkaSettings.of("localhost"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("'localhost' is not host:port");
        assertThat(new KafkaSettings("h:1", Map.of("sasl.jaas.config", "secret", "security.protocol", "SASL_SSL")).toString())
                .doesNotContain("secret").contains("SASL_SSL");
    }
}
