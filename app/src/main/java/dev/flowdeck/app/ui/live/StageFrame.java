package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;

/**
 * One box of the pipeline diagram at one moment.
 *
 * @param id           the stage (or the database box): its key, title, and what Start/Stop acts on
 * @param controllable the box is a stage of the running pipeline that Start/Stop can act on
 * @param rate         items per second
 * @param rateUnit     what is counted, e.g. "rows/s"
 * @param behindItems  items its upstream has that it has not handled yet; -1 when it does not apply
 * @param behindMs     how far its newest handled item trails its upstream's newest, in ms; -1 when it does not apply
 * @param detail       a second line, e.g. "target 20,000 rows/s" or "p99 4.1 ms"
 */
public record StageFrame(StageId id, boolean controllable, StageState state, String message, double rate,
                         String rateUnit, long behindItems, double behindMs, String detail) {
    public String title() {
        return id.title();
    }
}
