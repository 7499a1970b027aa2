package dev.flowdeck.app.ui.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {
    @Test
    void ratesAreCompactWithThreeSignificantDigits() {
        assertThat(Formats.compact(0)).isEqualTo("0");
        assertThat(Formats.compact(950)).isEqualTo("950");
        assertThat(Formats.compact(9_512)).isEqualTo("9.51 k");
        assertThat(Formats.compact(21_345)).isEqualTo("21.3 k");
        assertThat(Formats.compact(1_204_000)).isEqualTo("1.20 M");
    }

    @Test
    void timesAndSizesCarryTheirUnit() {
        assertThat(Formats.millis(0.42)).isEqualTo("0.42 ms");
        assertThat(Formats.millis(42.4)).isEqualTo("42 ms");
        assertThat(Formats.millis(1_250)).isEqualTo("1.25 s");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(12_500_000)).isEqualTo("12.5 MB");
        assertThat(Formats.percent(0)).isEqualTo("0 %");
        assertThat(Formats.percent(2.5)).isEqualTo("2.50 %");
    }

    @Test
    void slidersMoveInNiceSteps() {
        assertThat(Formats.nice(1.4)).isEqualTo(1);
        assertThat(Formats.nice(57.6)).isEqualTo(58);
        assertThat(Formats.nice(2_468)).isEqualTo(2_500);
        assertThat(Formats.nice(10_000)).isEqualTo(10_000);
    }
}
