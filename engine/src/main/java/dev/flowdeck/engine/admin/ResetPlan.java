package dev.flowdeck.engine.admin;

import java.util.List;

/**
 * The dry run of an offset reset: for each partition where the group is now and where it would be. Executing the
 * plan applies exactly these targets.
 */
public record ResetPlan(String groupId, OffsetReset reset, List<Row> rows, ChangePreview preview) {
    public ResetPlan {
        rows = List.copyOf(rows);
    }

    /**
     * One partition.
     *
     * @param current -1 if the group has no committed offset here
     */
    public record Row(String topic, int partition, long current, long target, long startOffset, long endOffset) {
        /** Records that will be read again (negative) or skipped (positive); relative to the log start if none committed. */
        public long change() {
            return target - (current < 0 ? startOffset : current);
        }

        /** The lag after the reset, in messages. */
        public long lagAfter() {
            return Math.max(0, endOffset - target);
        }
    }
}
