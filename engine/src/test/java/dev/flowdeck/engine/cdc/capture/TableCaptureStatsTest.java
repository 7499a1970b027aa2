package dev.flowdeck.engine.cdc.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableCaptureStatsTest {
    private final TableCaptureStats stats = new TableCaptureStats(TableId.parse("public.orders"), "flowdeck.public.orders");

    @Test
    void countsSnapshotProgressChangesLagAndRate() {
        stats.snapshotStarted(10);
        stats.published(ChangeOp.READ, 4, 1_000, 1_000);

        assertThat(stats.snapshotProgress()).isEqualTo(0.4);
        stats.published(ChangeOp.READ, 6, 1_000, 1_500);
        stats.snapshotCompleted();
        stats.published(ChangeOp.CREATE, 3, 2_000, 2_040);
        stats.published(ChangeOp.UPDATE, 2, 2_000, 2_050);
        stats.published(ChangeOp.DELETE, 1, 2_100, 2_130);

        assertThat(stats.snapshotRowsTotal()).isEqualTo(10);
        assertThat(stats.snapshotProgress()).isEqualTo(1.0);
        assertThat(stats.inserts()).isEqualTo(3);
        assertThat(stats.updates()).isEqualTo(2);
        assertThat(stats.deletes()).isEqualTo(1);
        assertThat(stats.lastLagMs()).isEqualTo(30);
        assertThat(stats.rate(3_000)).as("16 changes in the last 5 s").isEqualTo(16 / 5.0);
        assertThat(stats.rate(9_000)).as("nothing in the last 5 s").isZero();
    }

    @Test
    void theLagOfAnIdleTableIsNotShownAsCurrent() {
        assertThat(stats.currentLagMs(1_000)).as("nothing streamed yet").isEqualTo(-1);
        assertThat(stats.idle(1_000)).isFalse();
        stats.published(ChangeOp.READ, 5, 1_000, 1_000);
        assertThat(stats.idle(100_000)).as("snapshot rows are no stream").isFalse();

        stats.published(ChangeOp.UPDATE, 1, 2_000, 2_080);

        assertThat(stats.currentLagMs(2_100)).isEqualTo(80);
        assertThat(stats.currentLagMs(2_080 + TableCaptureStats.IDLE_AFTER_MS)).isEqualTo(80);
        assertThat(stats.currentLagMs(2_081 + TableCaptureStats.IDLE_AFTER_MS)).as("idle: the 80 ms is stale").isEqualTo(-1);
        assertThat(stats.idle(2_081 + TableCaptureStats.IDLE_AFTER_MS)).isTrue();
        assertThat(stats.lastLagMs()).as("the last figure is kept for the summary").isEqualTo(80);

        stats.published(ChangeOp.CREATE, 1, 20_000, 20_015);
        assertThat(stats.currentLagMs(20_020)).as("live again").isEqualTo(15);
        assertThat(stats.idle(20_020)).isFalse();
    }

    @Test
    void anAbortedSnapshotCountsNoRows() {
        stats.snapshotStarted(1_000);
        stats.published(ChangeOp.READ, 400, 1_000, 1_000);

        stats.snapshotAborted();

        assertThat(stats.snapshotRowsDone()).isZero();
        assertThat(stats.snapshotComplete()).isFalse();
    }
}
