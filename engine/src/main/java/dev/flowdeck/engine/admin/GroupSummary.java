package dev.flowdeck.engine.admin;

import java.util.List;

/**
 * One row of the consumer group list.
 *
 * @param state       Kafka's group state: Stable, Empty, Dead, PreparingRebalance, ...
 * @param lagMessages total over its partitions; -1 if unknown
 * @param maxLagMs    the oldest unread record's age over its partitions; 0 when caught up, -1 if unknown
 */
public record GroupSummary(String groupId, String type, String state, int members, List<String> topics,
                           long lagMessages, long maxLagMs) {
    public GroupSummary {
        topics = List.copyOf(topics);
    }

    /** Empty or Dead: no consumer is running, so its offsets may be changed. */
    public boolean inactive() {
        return ConsumerGroupService.isInactive(state);
    }
}
