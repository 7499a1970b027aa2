package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.tier.RoutingPolicy;
import dev.flowdeck.engine.tier.ServiceDistribution;
import dev.flowdeck.engine.tier.TierSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TierOptionsTest {
    @CommandLine.Command(name = "test")
    static final class Holder {
        @CommandLine.Mixin
        TierOptions tiers;
    }

    private static TierOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.tiers;
    }

    @Test
    void withoutOptionsTheTiersAreOffAndTheDefaultsStand() {
        TierOptions o = parse();
        assertThat(o.extension()).isEmpty();
        TierSettings edge = o.edgeSettings();
        assertThat(edge.serviceMeanMs()).isEqualTo(TierSettings.EDGE_SERVICE_MS);
        assertThat(edge.servers()).isEqualTo(TierSettings.EDGE_SERVERS);
        assertThat(o.cloudSettings().networkRttMs()).isEqualTo(TierSettings.CLOUD_RTT_MS);
        assertThat(o.routerSettings().policy()).isEqualTo(RoutingPolicy.HYBRID);
    }

    @Test
    void everyTierParameterReachesItsSettings() {
        TierOptions o = parse("--tiers", "--service", "constant", "--routing", "cloud-only", "--spill-threshold", "3",
                "--tier-sample", "1/4", "--edge-service-ms", "7.5", "--edge-servers", "3", "--edge-rtt-ms", "2",
                "--edge-queue", "30", "--edge-outage", "--cloud-service-ms", "80", "--cloud-servers", "6", "--cloud-rtt-ms", "70",
                "--cloud-queue", "90", "--cloud-sample", "10%");
        assertThat(o.extension()).isPresent();
        TierSettings e = o.edgeSettings();
        TierSettings c = o.cloudSettings();
        assertThat(e.distribution()).isEqualTo(ServiceDistribution.CONSTANT);
        assertThat(c.distribution()).isEqualTo(ServiceDistribution.CONSTANT);
        assertThat(e.serviceMeanMs()).isEqualTo(7.5);
        assertThat(e.servers()).isEqualTo(3);
        assertThat(e.networkRttMs()).isEqualTo(2);
        assertThat(e.queueCapacity()).isEqualTo(30);
        assertThat(e.outage()).isTrue();
        assertThat(e.sampleFraction()).isEqualTo(0.25);
        assertThat(c.serviceMeanMs()).isEqualTo(80);
        assertThat(c.servers()).isEqualTo(6);
        assertThat(c.networkRttMs()).isEqualTo(70);
        assertThat(c.queueCapacity()).isEqualTo(90);
        assertThat(c.outage()).isFalse();
        assertThat(c.sampleFraction()).isCloseTo(0.1, within(1e-12));
        assertThat(o.routerSettings().policy()).isEqualTo(RoutingPolicy.CLOUD_ONLY);
        assertThat(o.routerSettings().spillThreshold()).isEqualTo(3);
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> parse("--tiers", "--edge-servers", "0").edgeSettings()).isInstanceOf(SettingsException.class)
                .hasMessageContaining("servers must be between 1 and 1024 (got 0)");
        assertThatThrownBy(() -> parse("--tiers", "--routing", "random").routerSettings()).hasMessageContaining("edge-only, cloud-only, hybrid");
        assertThatThrownBy(() -> parse("--tiers", "--tier-sample", "3").cloudSettings()).hasMessageContaining("sample '3'");
    }

    @Test
    void tierOptionsWithoutTiersAreRefused() {
        assertThatThrownBy(() -> parse("--edge-servers", "4", "--cloud-outage").extension())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--edge-servers, --cloud-outage set the tiers up: add --tiers to run them");
    }
}
