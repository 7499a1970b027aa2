package dev.flowdeck.engine.admin;

/**
 * How far a group is behind on one partition.
 *
 * @param committedOffset the group's next offset to read; -1 if it has committed none
 * @param endOffset       the partition's end (the last stable offset when reading committed records)
 * @param lagMessages     end minus committed; -1 without a committed offset
 * @param lagMs           how old the next unread record is (its timestamp against now); 0 when caught up, -1 unknown
 * @param consumer        the client id of the member assigned this partition, or "" if none
 */
public record PartitionLag(String topic, int partition, long committedOffset, long endOffset, long lagMessages,
                           long lagMs, String consumer) {
}
