package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Consumer groups of any Kafka cluster: state, members, and lag per partition in messages and in time (the age of
 * the next unread record), plus offset resets with a dry run, allowed only while the group is inactive. Blocking:
 * run off the UI thread.
 */
public final class ConsumerGroupService implements AutoCloseable {
    private static final Comparator<PartitionLag> BY_PARTITION = Comparator.comparing(PartitionLag::topic)
            .thenComparingInt(PartitionLag::partition);

    private final Admin admin;
    private final RecordTimestamps timestamps;
    private final IsolationLevel isolation;

    /** @param isolation how the groups read: read_committed lag is measured against the last stable offset */
    public ConsumerGroupService(KafkaSettings kafka, IsolationLevel isolation) {
        this.admin = KafkaClients.createAdmin(kafka, "flowdeck-admin-groups");
        this.isolation = isolation;
        this.timestamps = new RecordTimestamps(kafka, isolation);
    }

    public ConsumerGroupService(KafkaSettings kafka) {
        this(kafka, IsolationLevel.READ_COMMITTED);
    }

    static boolean isInactive(String state) {
        return GroupState.EMPTY.toString().equalsIgnoreCase(state) || GroupState.DEAD.toString().equalsIgnoreCase(state);
    }

    /** Every consumer group, with its total lag in messages and its oldest unread record's age. */
    public List<GroupSummary> list() {
        Collection<GroupListing> listings = KafkaCalls.await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(),
                "cannot list consumer groups");
        List<GroupSummary> out = new ArrayList<>();
        for (GroupListing listing : listings.stream().sorted(Comparator.comparing(GroupListing::groupId)).toList()) {
            try {
                out.add(detail(listing.groupId()).summary());
            } catch (AdminException e) {
                out.add(new GroupSummary(listing.groupId(), listing.type().map(Object::toString).orElse("?"),
                        listing.groupState().map(Object::toString).orElse("Unknown"), 0, List.of(), -1, -1));
            }
        }
        return out;
    }

    /** One group: members, and the lag of every partition it has committed offsets on or is assigned. */
    public GroupDetail detail(String groupId) {
        ConsumerGroupDescription d = describe(groupId);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
        Map<TopicPartition, String> owner = new HashMap<>();
        List<GroupMember> members = new ArrayList<>();
        for (MemberDescription m : d.members()) {
            List<String> parts = m.assignment().topicPartitions().stream()
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                    .map(TopicPartition::toString).toList();
            m.assignment().topicPartitions().forEach(tp -> owner.put(tp, m.clientId()));
            members.add(new GroupMember(m.consumerId(), m.clientId(), m.host(), parts));
        }
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        partitions.addAll(committed.keySet());
        partitions.addAll(owner.keySet());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> nextUnread = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            Long end = ends.get(tp);
            if (c != null && end != null && c.offset() < end) {
                nextUnread.put(tp, c.offset());
            }
        }
        long now = System.currentTimeMillis();
        Map<TopicPartition, Long> times = timestamps.firstAtOrAfter(nextUnread);
        List<PartitionLag> lags = new ArrayList<>();
        long total = 0;
        long maxMs = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long end = ends.getOrDefault(tp, -1L);
            long lag = c == null || end < 0 ? -1 : Math.max(0, end - c.offset());
            long lagMs;
            if (lag < 0) {
                lagMs = -1;
            } else if (lag == 0) {
                lagMs = 0;
            } else {
                Long ts = times.get(tp);
                lagMs = ts == null ? (timestamps.lastProblem() == null ? 0 : -1) : Math.max(0, now - ts);
            }
            total += Math.max(0, lag);
            if (lagMs >= 0) {
                maxMs = Math.max(maxMs, lagMs);
            }
            lags.add(new PartitionLag(tp.topic(), tp.partition(), c == null ? -1 : c.offset(), end, lag, lagMs,
                    owner.getOrDefault(tp, "")));
        }
        lags.sort(BY_PARTITION);
        List<String> topics = partitions.stream().map(TopicPartition::topic).distinct().sorted().toList();
        GroupSummary summary = new GroupSummary(groupId, d.type().toString(), d.groupState().toString(), d.members().size(),
                topics, committed.isEmpty() ? -1 : total, committed.isEmpty() ? -1 : maxMs);
        String coordinator = d.coordinator() == null ? "" : d.coordinator().host() + ":" + d.coordinator().port()
                + " (broker " + d.coordinator().id() + ")";
        return new GroupDetail(summary, coordinator, d.partitionAssignor(), members, lags);
    }

    // ---- offset reset

    /** The dry run: what {@link #executeReset} would do, or why it may not. Changes nothing. */
    public ResetPlan previewReset(String groupId, OffsetReset reset) {
        String action = "Reset the offsets of group '" + groupId + "' (" + describe(reset) + ")";
        GroupPresence g;
        try {
            g = presence(groupId);
        } catch (AdminException e) {
            return new ResetPlan(groupId, reset, List.of(), ChangePreview.blocked(action, e.getMessage()));
        }
        String state = g.state();
        Map<TopicPartition, OffsetAndMetadata> committed = g.exists() ? committed(groupId) : Map.of();
        List<TopicPartition> scope;
        try {
            scope = scope(reset, committed.keySet());
        } catch (AdminException e) {
            return new ResetPlan(groupId, reset, List.of(), ChangePreview.blocked(action, e.getMessage()));
        }
        if (scope.isEmpty()) {
            return new ResetPlan(groupId, reset, List.of(), ChangePreview.blocked(action, "group '" + groupId
                    + "' has no committed offsets" + (reset.topics().isEmpty() ? ": name the topic to reset" : " on those partitions")));
        }
        Map<TopicPartition, Long> starts = offsets(scope, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(scope, OffsetSpec.latest());
        Map<TopicPartition, Long> atTime = reset.strategy() == OffsetReset.Strategy.TIMESTAMP
                ? offsets(scope, OffsetSpec.forTimestamp(reset.value())) : Map.of();
        List<ResetPlan.Row> rows = new ArrayList<>();
        for (TopicPartition tp : scope) {
            long start = starts.getOrDefault(tp, 0L);
            long end = ends.getOrDefault(tp, start);
            OffsetAndMetadata c = committed.get(tp);
            long current = c == null ? -1 : c.offset();
            long target = switch (reset.strategy()) {
                case EARLIEST -> start;
                case LATEST -> end;
                case TIMESTAMP -> {
                    long at = atTime.getOrDefault(tp, -1L);
                    yield at < 0 ? end : at;
                }
                case SHIFT -> Math.min(end, Math.max(start, (current < 0 ? start : current) + reset.value()));
            };
            rows.add(new ResetPlan.Row(tp.topic(), tp.partition(), current, target, start, end));
        }
        List<String> problems = new ArrayList<>();
        if (!isInactive(state)) {
            problems.add("group '" + groupId + "' is " + state + " with " + Human.plural(g.members().size(), "member")
                    + (g.members().isEmpty() ? "" : " (" + g.members().stream().distinct().collect(Collectors.joining(", ")) + ")")
                    + ": offsets can only be reset while no consumer of the group runs. Stop its consumers, wait until "
                    + "the state is Empty, then try again.");
        }
        long again = rows.stream().filter(r -> r.change() < 0).mapToLong(r -> -r.change()).sum();
        long skipped = rows.stream().filter(r -> r.change() > 0).mapToLong(ResetPlan.Row::change).sum();
        long moved = rows.stream().filter(r -> r.change() != 0 || r.current() < 0).count();
        List<String> effects = new ArrayList<>();
        effects.add("moves " + moved + " of " + Human.plural(rows.size(), "partition") + " of "
                + rows.stream().map(ResetPlan.Row::topic).distinct().collect(Collectors.joining(", ")));
        if (again > 0) {
            effects.add(Human.plural(again, "record") + " will be read again: downstream sees them twice unless it "
                    + "deduplicates");
        }
        if (skipped > 0) {
            effects.add(Human.plural(skipped, "record") + " will be skipped: the group never processes them");
        }
        if (again == 0 && skipped == 0) {
            effects.add("no offset changes: the group is already there");
        }
        effects.add("lag after the reset: " + Human.plural(rows.stream().mapToLong(ResetPlan.Row::lagAfter).sum(), "message"));
        List<String> warnings = new ArrayList<>();
        if (reset.strategy() == OffsetReset.Strategy.TIMESTAMP && rows.stream().anyMatch(r -> r.target() == r.endOffset()
                && r.endOffset() > r.startOffset())) {
            warnings.add("some partitions have no record at or after that time: they move to the end");
        }
        return new ResetPlan(groupId, reset, rows, new ChangePreview(action, effects, warnings, problems));
    }

    /**
     * Applies a plan made by {@link #previewReset}. Checks again that the group is inactive: a consumer that started
     * in between makes it refuse.
     */
    public void executeReset(ResetPlan plan) {
        if (!plan.preview().allowed()) {
            throw new AdminException("cannot reset group '" + plan.groupId() + "': " + String.join("; ", plan.preview().problems()));
        }
        GroupPresence g = presence(plan.groupId());
        if (!isInactive(g.state())) {
            throw new AdminException("group '" + plan.groupId() + "' became " + g.state() + " after the preview: "
                    + "offsets can only be reset while no consumer of the group runs. Stop its consumers and preview again.");
        }
        Map<TopicPartition, OffsetAndMetadata> targets = new HashMap<>();
        plan.rows().forEach(r -> targets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.target())));
        KafkaCalls.await(admin.alterConsumerGroupOffsets(plan.groupId(), targets).all(),
                "cannot reset the offsets of group '" + plan.groupId() + "'");
    }

    private static String describe(OffsetReset r) {
        return switch (r.strategy()) {
            case EARLIEST -> "to the earliest offsets";
            case LATEST -> "to the latest offsets";
            case TIMESTAMP -> "to " + java.time.Instant.ofEpochMilli(r.value());
            case SHIFT -> "shift by " + (r.value() > 0 ? "+" : "") + r.value();
        };
    }

    private List<TopicPartition> scope(OffsetReset reset, Set<TopicPartition> committed) {
        List<TopicPartition> out = new ArrayList<>();
        if (reset.topics().isEmpty()) {
            out.addAll(committed);
        } else {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> described;
            Set<String> existing = KafkaCalls.await(admin.listTopics().names(), "cannot list topics");
            for (String t : reset.topics()) {
                if (!existing.contains(t)) {
                    throw new AdminException("topic '" + t + "' does not exist");
                }
            }
            described = KafkaCalls.await(admin.describeTopics(reset.topics()).allTopicNames(), "cannot describe topics");
            described.values().forEach(d -> d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition()))));
        }
        if (reset.partition().isPresent()) {
            int p = reset.partition().getAsInt();
            out.removeIf(tp -> tp.partition() != p);
        }
        out.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return out;
    }

    /** A group's state and members' client ids; a group that does not exist (yet) is Dead with none. */
    private record GroupPresence(boolean exists, String state, List<String> members) {
    }

    private GroupPresence presence(String groupId) {
        try {
            ConsumerGroupDescription d = describe(groupId);
            return new GroupPresence(true, d.groupState().toString(), d.members().stream().map(MemberDescription::clientId).toList());
        } catch (AdminException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return new GroupPresence(false, GroupState.DEAD.toString(), List.of());
            }
            throw e;
        }
    }

    private ConsumerGroupDescription describe(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new AdminException("choose a consumer group");
        }
        return KafkaCalls.await(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId),
                "cannot describe group '" + groupId + "'");
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> all = KafkaCalls.await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "cannot read the offsets of group '" + groupId + "'");
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        all.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o);
            }
        });
        return out;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult result = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)),
                new ListOffsetsOptions(isolation));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                out.put(tp, KafkaCalls.await(result.partitionResult(tp), "offsets").offset());
            } catch (AdminException e) {
                // deleted topic or no leader: the partition's numbers show as unknown
            }
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
