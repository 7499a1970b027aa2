package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that stops answering is noticed by the probe, before Kafka fences it. */
class BrokerProbeTest {
    private static ClusterState.Broker broker(int id, int port) {
        return new ClusterState.Broker(id, "127.0.0.1", port, "", false, true);
    }

    @Test
    void aBrokerWhoseSocketClosesIsSilentFromThatProbeOnUntilItAnswersAgain() throws Exception {
        BrokerProbe probe = new BrokerProbe(1_000);
        try (ServerSocket one = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerSocket two = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            List<ClusterState.Broker> brokers = List.of(broker(1, one.getLocalPort()), broker(2, two.getLocalPort()));
            assertThat(probe.probe(brokers, 1_000)).as("both listening").isEmpty();

            two.close();
            List<BrokerProbe.Silent> silent = probe.probe(brokers, 2_000);
            assertThat(silent).extracting(s -> s.broker().id()).containsExactly(2);
            assertThat(silent.get(0).sinceMs()).isEqualTo(2_000);
            assertThat(probe.probe(brokers, 6_500)).as("still silent, counted from the first probe that found it so")
                    .extracting(BrokerProbe.Silent::sinceMs).containsExactly(2_000L);
            assertThat(BrokerProbe.describe(probe.probe(brokers, 6_500), 6_500, 9_000)).isEqualTo("broker 2 (127.0.0.1:"
                    + two.getLocalPort() + ") not answering for 4 s; Kafka moves its partitions after the 9 s session timeout");

            try (ServerSocket back = new ServerSocket(two.getLocalPort(), 50, InetAddress.getLoopbackAddress())) {
                assertThat(probe.probe(brokers, 8_000)).as("answering again").isEmpty();
            }
        }
    }

    @Test
    void brokersTheClusterAlreadyListsAsDownAreNotProbed() throws Exception {
        ClusterState.Broker fenced = new ClusterState.Broker(3, "", 0, "", false, false);
        assertThat(new BrokerProbe(200).probe(List.of(fenced), 0)).isEmpty();
    }

    @Test
    void severalSilentBrokersAreNamedTogether() {
        List<BrokerProbe.Silent> silent = List.of(new BrokerProbe.Silent(broker(1, 9092), 0),
                new BrokerProbe.Silent(broker(2, 9093), 1_000));
        assertThat(BrokerProbe.describe(silent, -1, 6_000)).isEqualTo("broker 1 (127.0.0.1:9092) not answering, "
                + "broker 2 (127.0.0.1:9093) not answering; Kafka moves their partitions after the 6 s session timeout");
    }
}
