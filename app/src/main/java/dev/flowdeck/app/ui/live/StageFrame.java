package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.admin.LagHistory;

import java.util.Locale;
import java.util.Optional;

/**
 * One box of the pipeline diagram at one moment.
 *
 * @param id           the stage (or the database box): its key, title, and what Start/Stop acts on
 * @param controllable the box is a stage of the running pipeline that Start/Stop can act on
 * @param rate         items per second
 * @param rateUnit     what is counted, e.g. "rows/s"
 * @param behindItems  items its upstream has that it has not handled yet; -1 when it does not apply
 * @param behindMs     how far its newest handled item trails its upstream's newest, in ms; -1 when it does not apply,
 *                     NaN while it has handled nothing yet (see {@link #trailMs})
 * @param detail       a second line, e.g. "target 20,000 rows/s" or "p99 4.1 ms"
 * @param trend        the backlog's trend over the session, worked out off the FX thread by {@link StageTrends};
 *                     empty for a stage without a backlog or not active
 */
public record StageFrame(StageId id, boolean controllable, StageState state, String message, double rate,
                         String rateUnit, long behindItems, double behindMs, String detail,
                         Optional<LagHistory.Trend> trend) {
    /** Without a trend yet: the frame builder adds it ({@link StageTrends}). */
    public StageFrame(StageId id, boolean controllable, StageState state, String message, double rate,
                      String rateUnit, long behindItems, double behindMs, String detail) {
        this(id, controllable, state, message, rate, rateUnit, behindItems, behindMs, detail, Optional.empty());
    }

    /** This frame with the backlog's trend. */
    public StageFrame withTrend(LagHistory.Trend t) {
        return new StageFrame(id, controllable, state, message, rate, rateUnit, behindItems, behindMs, detail, Optional.of(t));
    }

    public String title() {
        return id.title();
    }

    /**
     * {@code detail} with " · N what" added when {@code count} is above 0, e.g. "p99 4.1 ms · 3 skipped": records a stage
     * skipped (poison, not a change event) are shown where its figures are, and nothing is added while there are none.
     */
    public static String noting(String detail, long count, String what) {
        return count <= 0 ? detail : detail + String.format(Locale.ROOT, " · %,d %s", count, what);
    }

    /**
     * How far a stage's newest handled item trails its upstream's newest, in ms: 0 when nothing waits, NaN while the
     * stage has handled nothing yet (its newest time is 0, and the difference would be the age of the epoch).
     */
    public static double trailMs(long waiting, long upstreamNewestMicros, long newestMicros) {
        if (waiting == 0) {
            return 0;
        }
        if (newestMicros == 0) {
            return Double.NaN;
        }
        return Math.max(0, (upstreamNewestMicros - newestMicros) / 1000.0);
    }
}
