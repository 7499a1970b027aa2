package dev.flowdeck.app.ui.settings;

import dev.flowdeck.engine.config.RetentionSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionViewModelTest {
    final RetentionSettings live = new RetentionSettings();
    final List<String> saved = new ArrayList<>();
    final RetentionViewModel vm = new RetentionViewModel(live, Optional::empty,
            r -> saved.add(RetentionViewModel.ageText(r.maxAge()) + "/" + r.maxRows()));

    @Test
    void showsTheLiveSettingsAndWhatTheyKeepBeforeThePipelineRuns() {
        assertThat(vm.ageProperty().get()).isEqualTo("24h");
        assertThat(vm.rowsProperty().get()).isEqualTo("20,000,000");
        assertThat(vm.statusProperty().get()).isEqualTo("keeping 24 h or 20,000,000 rows; trimming starts with the pipeline");
    }

    @Test
    void validValuesApplyAtOnceAndAreSaved() {
        vm.ageProperty().set("90min");
        vm.rowsProperty().set("5_000 000");

        assertThat(vm.apply()).isTrue();

        assertThat(live.maxAge()).isEqualTo(Duration.ofMinutes(90));
        assertThat(live.maxRows()).isEqualTo(5_000_000);
        assertThat(saved).containsExactly("90min/5000000");
        assertThat(vm.ageErrorProperty().get()).isEmpty();
        assertThat(vm.rowsErrorProperty().get()).isEmpty();
        assertThat(vm.rowsProperty().get()).isEqualTo("5,000,000");
        assertThat(vm.messageProperty().get()).isEqualTo("Applied: keeping 90 min or 5,000,000 rows");
    }

    @Test
    void zeroAndForeverKeepEverything() {
        vm.ageProperty().set("forever");
        vm.rowsProperty().set("0");

        assertThat(vm.apply()).isTrue();

        assertThat(live.keepsEverything()).isTrue();
        assertThat(vm.ageProperty().get()).isEqualTo("0");
    }

    @Test
    void anAgeBelowTheMinimumShowsRetentionSettingsMessageAndAppliesNothing() {
        vm.ageProperty().set("30s");
        vm.rowsProperty().set("1,000");

        assertThat(vm.apply()).isFalse();

        assertThat(vm.ageErrorProperty().get()).isEqualTo(
                "retention age must be at least 1 minute, or 0 to keep rows of any age (got 30 s)");
        assertThat(vm.rowsErrorProperty().get()).isEmpty();
        assertThat(live.maxAge()).isEqualTo(RetentionSettings.DEFAULT_MAX_AGE);
        assertThat(live.maxRows()).as("the valid field is not applied alone either").isEqualTo(RetentionSettings.DEFAULT_MAX_ROWS);
        assertThat(saved).isEmpty();
    }

    @Test
    void tooFewRowsOrNotANumberShowTheMessageNextToTheRowsField() {
        vm.rowsProperty().set("999");
        assertThat(vm.apply()).isFalse();
        assertThat(vm.rowsErrorProperty().get()).isEqualTo(
                "retention rows must be at least 1000, or 0 to keep any number of rows (got 999)");

        vm.rowsProperty().set("lots");
        vm.ageProperty().set("a day");
        assertThat(vm.apply()).isFalse();
        assertThat(vm.rowsErrorProperty().get()).contains("whole number").contains("'lots'");
        assertThat(vm.ageErrorProperty().get()).contains("retention age 'a day' is not a duration");
        assertThat(live.maxRows()).isEqualTo(RetentionSettings.DEFAULT_MAX_ROWS);
        assertThat(saved).isEmpty();
    }

    @Test
    void showsTheRetentionStagesLineWhileThePipelineRuns() {
        RetentionViewModel running = new RetentionViewModel(live,
                () -> Optional.of("keeping 24 h or 20,000,000 rows of livedb; 1,234 older rows trimmed"), r -> { });
        assertThat(running.statusProperty().get()).isEqualTo("keeping 24 h or 20,000,000 rows of livedb; 1,234 older rows trimmed");
    }
}
