package dev.flowdeck.engine.admin;

import java.util.List;

/** A consumer group in full: members and the lag of every partition it has offsets on or is assigned. */
public record GroupDetail(GroupSummary summary, String coordinator, String assignor, List<GroupMember> members,
                          List<PartitionLag> partitions) {
    public GroupDetail {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }
}
