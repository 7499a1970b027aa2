package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HumanTest {
    @Test
    void ratesAreCompactWithThreeSignificantDigits() {
        assertThat(Human.compact(0)).isEqualTo("0");
        assertThat(Human.compact(950)).isEqualTo("950");
        assertThat(Human.compact(9_512)).isEqualTo("9.51 k");
        assertThat(Human.compact(21_345)).isEqualTo("21.3 k");
        assertThat(Human.compact(1_204_000)).isEqualTo("1.20 M");
    }

    @Test
    void timesAndSizesCarryTheirUnit() {
        assertThat(Human.millis(0.42)).isEqualTo("0.42 ms");
        assertThat(Human.millis(42.4)).isEqualTo("42 ms");
        assertThat(Human.millis(1_250)).isEqualTo("1.25 s");
        assertThat(Human.bytes(512)).isEqualTo("512 B");
        assertThat(Human.bytes(12_500_000)).isEqualTo("12.5 MB");
        assertThat(Human.percent(0)).isEqualTo("0 %");
        assertThat(Human.percent(2.5)).isEqualTo("2.50 %");
    }
}
