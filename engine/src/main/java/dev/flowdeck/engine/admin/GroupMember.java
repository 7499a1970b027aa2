package dev.flowdeck.engine.admin;

import java.util.List;

/** A member of a consumer group: who it is and which partitions it holds ("topic-partition"). */
public record GroupMember(String memberId, String clientId, String host, List<String> partitions) {
    public GroupMember {
        partitions = List.copyOf(partitions);
    }
}
