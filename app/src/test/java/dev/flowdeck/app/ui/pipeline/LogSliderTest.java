package dev.flowdeck.app.ui.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSliderTest {
    @Test
    void slidersMoveInNiceSteps() {
        assertThat(LogSlider.nice(1.4)).isEqualTo(1);
        assertThat(LogSlider.nice(57.6)).isEqualTo(58);
        assertThat(LogSlider.nice(2_468)).isEqualTo(2_500);
        assertThat(LogSlider.nice(10_000)).isEqualTo(10_000);
    }
}
