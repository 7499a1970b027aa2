package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LagHistoryTest {
    @Test
    void aGroupCatchingUpGetsItsRateAndAnEta() {
        LagHistory h = new LagHistory(100);
        // lag falls by 1,000 messages per 2 s sample, with noise of ±50: 500 msg/s net consumption
        for (int i = 0; i <= 20; i++) {
            h.record("g", 1_000_000L + i * 2_000L, 60_000 - i * 1_000L + (i % 2 == 0 ? 50 : -50), 30_000);
        }
        LagHistory.Trend t = h.trend("g");
        assertThat(t.messagesPerSecond()).isCloseTo(-500, within(10.0));
        assertThat(t.lagMessages()).isEqualTo(40_050);
        assertThat(t.catchUpIn()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(78L, 82L));
        assertThat(t.describe()).isEqualTo("catching up at 500 msg/s, caught up in about 1 min");
        assertThat(t.samples()).isEqualTo(21).as("the 60 s window plus its first sample");
    }

    @Test
    void fallingBehindCaughtUpAndTooFewSamples() {
        LagHistory h = new LagHistory(100);
        assertThat(h.trend("none").samples()).isZero();
        h.record("g", 0, 100, 10);
        assertThat(h.trend("g").describe()).isEqualTo("measuring the trend");
        h.record("g", 1_000, 400, 20);
        h.record("g", 2_000, 700, 30);
        assertThat(h.trend("g").describe()).isEqualTo("falling behind by 300 msg/s");
        assertThat(h.trend("g").catchUpIn()).isEmpty();
        h.record("g", 3_000, 0, 0);
        assertThat(h.trend("g").describe()).isEqualTo("caught up");
    }

    @Test
    void keepsABoundedSessionAndOnlyRecentSamplesSetTheTrend() {
        LagHistory h = new LagHistory(5);
        for (int i = 0; i < 10; i++) {
            h.record(List.of(new GroupSummary("g", "classic", "Stable", 1, List.of("t"), 1000 - i * 10L, 5)), i * 1_000L);
        }
        assertThat(h.samples("g")).hasSize(5).extracting(LagHistory.Sample::lagMessages).containsExactly(950L, 940L, 930L, 920L, 910L);
        h.record("g", 9_000, 1, 1);
        assertThat(h.samples("g")).hasSize(5).as("a late answer is dropped");
        assertThat(h.trend("g", Duration.ofSeconds(2)).samples()).isEqualTo(3);
        h.retain(List.of());
        assertThat(h.samples("g")).isEmpty();
    }
}
