package dev.flowdeck.app.ui.sources;

import dev.flowdeck.engine.cdc.capture.ChangeOp;
import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import dev.flowdeck.engine.cdc.capture.TableId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pipeline page's "Captured tables" lines: the lag is live while changes arrive and says "idle" after. */
class CapturedTablesViewModelTest {
    @Test
    void anIdleTableShowsIdleNotItsLastLag() {
        TableCaptureStats stats = new TableCaptureStats(TableId.parse("public.orders"), "flowdeck.public.orders");
        CapturedTablesViewModel.Line line = new CapturedTablesViewModel.Line(stats);

        line.sample(1_000);
        assertThat(line.lagProperty().get()).as("nothing streamed yet").isEqualTo("–");

        stats.published(ChangeOp.UPDATE, 3, 10_000, 10_042);
        line.sample(10_500);
        assertThat(line.lagProperty().get()).isEqualTo("42 ms");

        line.sample(10_042 + TableCaptureStats.IDLE_AFTER_MS + 1);
        assertThat(line.lagProperty().get()).isEqualTo("idle");

        stats.published(ChangeOp.DELETE, 1, 30_000, 30_007);
        line.sample(30_100);
        assertThat(line.lagProperty().get()).isEqualTo("7 ms");
    }
}
