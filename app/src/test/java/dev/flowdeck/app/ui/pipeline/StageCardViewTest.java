package dev.flowdeck.app.ui.pipeline;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import static org.assertj.core.api.Assertions.assertThat;

/** A degraded stage card shows why, in place of its usual fact; a running one shows the fact. */
class StageCardViewTest {
    private final FxRobot robot = new FxRobot();
    private static final StageId KAFKA = StageId.READER;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static StageFrame frame(StageState state, String message) {
        return new StageFrame(KAFKA, true, state, message, 1_000, "events/s", 0, 0, "delivery p99 4 ms");
    }

    @Test
    void theKafkaCardSaysWhyItIsDegradedDuringAFailover() throws Exception {
        StageCardViewModel vm = new StageCardViewModel(KAFKA);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            s.setScene(new Scene(new StageCardView(vm, () -> { }), 170, 180));
            s.show();
        });
        Label reason = robot.lookup("#stage-kafka-reason").queryAs(Label.class);

        robot.interact(() -> vm.apply(frame(StageState.RUNNING, "3 brokers up, every partition led and in sync"), false));
        assertThat(reason.isVisible()).as("nothing to explain while running").isFalse();
        assertThat(robot.lookup(".stage-detail").queryAs(Label.class).isVisible()).isTrue();

        robot.interact(() -> vm.apply(frame(StageState.DEGRADED, "leader of db_live_events-0 moving: broker 1 down"), false));
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText()).isEqualTo("leader of db_live_events-0 moving: broker 1 down");
        assertThat(robot.lookup(".stage-detail").queryAs(Label.class).isVisible()).as("the reason takes its place").isFalse();
        assertThat(robot.lookup("#stage-kafka-state").queryAs(Label.class).getText()).isEqualTo("Degraded");

        robot.interact(() -> vm.apply(frame(StageState.RUNNING, "3 brokers up"), false));
        assertThat(reason.isVisible()).as("gone once the cluster is healthy again").isFalse();
    }
}
