package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TierSettingsTest {
    @Test
    void defaultsMakeTheEdgeFastAndSmallAndTheCloudSlowAndWide() {
        TierSettings e = TierSettings.edgeDefaults();
        TierSettings c = TierSettings.cloudDefaults();
        assertThat(e.serviceMeanMs() + e.networkRttMs()).isLessThan(c.serviceMeanMs() + c.networkRttMs());
        assertThat(e.servers()).isEqualTo(2);
        assertThat(c.servers()).isEqualTo(8);
    }

    @Test
    void badValuesAreRefusedWithTheSettingTheRangeAndTheValue() {
        TierSettings s = TierSettings.edgeDefaults();
        assertThatThrownBy(() -> s.servers(0)).isInstanceOf(SettingsException.class)
                .hasMessage("servers must be between 1 and 1024 (got 0)");
        assertThatThrownBy(() -> s.serviceMeanMs(-5)).hasMessageContaining("service time mean (ms)").hasMessageContaining("-5");
        assertThatThrownBy(() -> s.networkRttMs(Double.NaN)).hasMessageContaining("network round trip");
        assertThatThrownBy(() -> s.queueCapacity(-1)).hasMessageContaining("queue capacity");
        assertThatThrownBy(() -> s.sampleFraction(1.5)).hasMessageContaining("sample fraction").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new RouterSettings().spillThreshold(-2)).hasMessageContaining("spill threshold");
        assertThat(s.servers()).isEqualTo(2); // unchanged by the refused values
    }

    @Test
    void samplesParseAsFractionsOneInNOrPercentages() {
        assertThat(TierSettings.parseSample("0.25")).isEqualTo(0.25);
        assertThat(TierSettings.parseSample("1/20")).isCloseTo(0.05, within(1e-12));
        assertThat(TierSettings.parseSample("10%")).isCloseTo(0.1, within(1e-12));
        assertThatThrownBy(() -> TierSettings.parseSample("2")).hasMessageContaining("'2'").hasMessageContaining("1/10");
        assertThatThrownBy(() -> TierSettings.parseSample("1/0")).isInstanceOf(SettingsException.class);
    }

    @Test
    void listenersHearEveryChangeUntilRemoved() throws Exception {
        TierSettings s = TierSettings.cloudDefaults();
        AtomicInteger heard = new AtomicInteger();
        AutoCloseable handle = s.onChange(heard::incrementAndGet);
        s.servers(4).outage(true);
        handle.close();
        s.servers(5);
        assertThat(heard.get()).isEqualTo(2);
    }

    @Test
    void aSampleTakesItsShareEvenly() {
        double[] fraction = {0.1};
        StreamSample sample = new StreamSample(() -> fraction[0]);
        int taken = 0;
        for (int i = 1; i <= 1000; i++) {
            if (sample.take()) {
                taken++;
                assertThat(i % 10).isZero();
            }
        }
        assertThat(taken).isEqualTo(100);
        fraction[0] = 1.0 / 3;
        taken = 0;
        for (int i = 0; i < 3000; i++) {
            taken += sample.take() ? 1 : 0;
        }
        assertThat(taken).isBetween(999, 1000);
        fraction[0] = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(sample.take()).isFalse();
        }
    }
}
