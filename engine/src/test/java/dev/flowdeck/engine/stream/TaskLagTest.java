package dev.flowdeck.engine.stream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag the Processor page shows per task. */
class TaskLagTest {
    private static final TopicPartition P0 = new TopicPartition("db.live.events", 0);
    private static final TopicPartition P1 = new TopicPartition("db.live.events", 1);

    @Test
    void isTheEndMinusTheCommittedOffsetOnceTheTaskHasCommitted() {
        TaskMetadata task = task(Map.of(P0, 100L, P1, 40L), Map.of(P0, 130L, P1, 40L));

        ProcessorInsight.Task t = StreamProcessor.task(task, true, Map.of(new TopicPartition("db_live_events", 0), 999.0));

        assertThat(t.lag()).isEqualTo(30);
        assertThat(t.partitions()).containsExactly("db.live.events-0", "db.live.events-1");
    }

    @Test
    void beforeTheFirstCommitTheConsumersOwnLagStandsIn() {
        // just assigned (after a rebalance): Kafka Streams knows neither offset yet
        TaskMetadata task = task(Map.of(), Map.of(P1, 70L));

        ProcessorInsight.Task t = StreamProcessor.task(task, true, Map.of(new TopicPartition("db_live_events", 0), 12.0, new TopicPartition("db_live_events", 1), 5.0));

        assertThat(t.lag()).isEqualTo(17);
    }

    @Test
    void withNeitherItIsUnknown() {
        ProcessorInsight.Task t = StreamProcessor.task(task(Map.of(), Map.of()), false, Map.of(new TopicPartition("other_topic", 0), 3.0));

        assertThat(t.lag()).isEqualTo(-1);
    }

    private static TaskMetadata task(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        return new TaskMetadata() {
            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public Set<TopicPartition> topicPartitions() {
                return Set.of(P0, P1);
            }

            @Override
            public Map<TopicPartition, Long> committedOffsets() {
                return committed;
            }

            @Override
            public Map<TopicPartition, Long> endOffsets() {
                return end;
            }

            @Override
            public Optional<Long> timeCurrentIdlingStarted() {
                return Optional.empty();
            }
        };
    }
}
