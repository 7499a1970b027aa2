package dev.flowdeck.app.ui.shell;

import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.Frames;
import dev.flowdeck.app.ui.live.Hops;
import dev.flowdeck.app.ui.live.Tiles;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ShellViewModelTest {
    @Test
    void statusBarShowsProfileBrokerDatabaseAndRate() {
        ShellViewModel vm = new ShellViewModel(false);
        Tiles t = new Tiles(20_500, 0, 0, 0, 0, 0, 0, new double[0], new double[0], new double[0], new double[0],
                new double[0], new double[0], new double[0]);
        vm.apply(Frames.frame(1, Frames.allRunning(), t));
        assertThat(vm.titleProperty().get()).isEqualTo("Flowdeck — Embedded");
        assertThat(vm.brokerTextProperty().get()).isEqualTo("Kafka: running");
        assertThat(vm.databaseTextProperty().get()).isEqualTo("Database: running");
        assertThat(vm.eventsPerSProperty().get()).isEqualTo("20.5 k events/s");
        assertThat(vm.progressVisibleProperty().get()).isFalse();
    }

    @Test
    void startingShowsStepsAndFailureSaysWhy() {
        ShellViewModel vm = new ShellViewModel(false);
        Profile external = new Profile("Staging", Profile.Kind.EXTERNAL, "kafka:9092", Map.of(), "", "", "", false);
        vm.apply(frame(new ConsoleSession.Status(ConsoleSession.Phase.STARTING, "Checking Kafka at kafka:9092", external,
                StageStatus.of(StageState.STARTING, "connecting"), StageStatus.of(StageState.STOPPED, "waiting"), 3, 5)));
        assertThat(vm.titleProperty().get()).isEqualTo("Flowdeck — Staging");
        assertThat(vm.progressVisibleProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo(0.6);
        assertThat(vm.phaseTextProperty().get()).isEqualTo("Checking Kafka at kafka:9092 (3/5)");

        vm.apply(frame(new ConsoleSession.Status(ConsoleSession.Phase.FAILED, "cannot reach Kafka at kafka:9092", external,
                StageStatus.of(StageState.FAILED, "cannot reach Kafka"), StageStatus.of(StageState.STOPPED, "not started"), 0, 5)));
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.brokerProperty().get()).isEqualTo(StageState.FAILED);
        assertThat(vm.phaseTextProperty().get()).isEqualTo("Could not start: cannot reach Kafka at kafka:9092");
        assertThat(vm.eventsPerSProperty().get()).isEqualTo("– events/s");
    }

    private static ConsoleFrame frame(ConsoleSession.Status s) {
        return new ConsoleFrame(1, 1, s, false, List.of(), Tiles.EMPTY, Hops.EMPTY, Map.of(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void preferencesRoundTripAndSurviveAMissingFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        UiPreferences fresh = UiPreferences.load(dir.resolve("nowhere"));
        assertThat(fresh.placement()).isEmpty();
        assertThat(fresh.darkTheme()).isFalse();

        UiPreferences p = UiPreferences.load(dir);
        p.placement(new UiPreferences.Placement(10, 20, 1400, 900, false));
        p.darkTheme(true);
        p.page("logs");
        p.exportDir(dir);
        p.save();

        UiPreferences again = UiPreferences.load(dir);
        assertThat(again.placement()).contains(new UiPreferences.Placement(10, 20, 1400, 900, false));
        assertThat(again.darkTheme()).isTrue();
        assertThat(again.page()).contains("logs");
        assertThat(again.exportDir()).contains(dir.toAbsolutePath());
    }
}
