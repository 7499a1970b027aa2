package dev.flowdeck.app.ui.live;

import dev.flowdeck.engine.StageState;

/**
 * One box of the pipeline diagram at one moment.
 *
 * @param id          stable id: writer, database, poller, kafka, processor, edge, cloud
 * @param stageName   the engine {@code Stage.name()} that Start/Stop acts on, or null if the box is not a stage
 * @param rate        items per second
 * @param rateUnit    what is counted, e.g. "rows/s"
 * @param behindItems items its upstream has that it has not handled yet; -1 when it does not apply
 * @param behindMs    how far its newest handled item trails its upstream's newest, in ms; -1 when it does not apply
 * @param detail      a second line, e.g. "target 20,000 rows/s" or "p99 4.1 ms"
 */
public record StageFrame(String id, String title, String stageName, StageState state, String message, double rate,
                         String rateUnit, long behindItems, double behindMs, String detail) {
}
