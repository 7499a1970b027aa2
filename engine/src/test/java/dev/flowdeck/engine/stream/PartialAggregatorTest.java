package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The window parts' emit protocol, including what a restart finds in the restored store. */
class PartialAggregatorTest {
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;
    private final ProcessorSettings settings = new ProcessorSettings().window(Duration.ofSeconds(5)).grace(Duration.ofSeconds(10))
            .commitIntervalMs(100);
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void createStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PartialAggregator.STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
    }

    @Test
    void partsAreEmittedOncePerPunctuationWithTheTaskPartitionAndOnlyWhenChanged() {
        MockProcessorContext<String, WindowAggregate> context = contextWithStore();
        PartialAggregator p = started(context);
        p.process(record(1, "10.00", T0 + 100));
        p.process(record(2, "5.50", T0 + 200));
        assertThat(context.forwarded()).isEmpty();

        punctuate(context);
        List<WindowAggregate> out = emitted(context);
        assertThat(out).extracting(WindowAggregate::dimension).containsExactlyInAnyOrder("org", "region");
        assertThat(out).allSatisfy(a -> {
            assertThat(a.part()).isEqualTo(2);
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.sum()).isEqualByComparingTo("15.50");
            assertThat(a.lastEventMs()).isEqualTo(T0 + 200);
        });
        context.resetForwards();
        punctuate(context);
        assertThat(context.forwarded()).as("nothing changed, nothing emitted").isEmpty();
    }

    @Test
    void aChangeCommittedButNotYetEmittedIsEmittedAfterARestart() {
        MockProcessorContext<String, WindowAggregate> before = contextWithStore();
        PartialAggregator first = started(before);
        first.process(record(1, "10.00", T0 + 100));
        punctuate(before);
        first.process(record(2, "1.00", T0 + 300)); // committed with the store, then the process dies before emitting

        MockProcessorContext<String, WindowAggregate> after = contextWithStore(); // same (restored) store
        started(after);
        punctuate(after);
        assertThat(emitted(after)).hasSize(2).allSatisfy(a -> assertThat(a.count()).isEqualTo(2));
    }

    @Test
    void everyPartIsStampedWithTheOffsetThroughWhichItsTaskEmittedAndTheProbeHearsEachChange() {
        Map<Integer, Long> heard = new HashMap<>();
        ProcessorProbe probe = new ProcessorProbe() {
            @Override
            public void processed(ChangeEvent e) {
            }

            @Override
            public void replayed(ChangeEvent e) {
            }

            @Override
            public void late(ChangeEvent e) {
            }

            @Override
            public void aggregated(int partition, long offset) {
                heard.merge(partition, offset, Math::max);
            }
        };
        MockProcessorContext<String, WindowAggregate> context = contextWithStore();
        PartialAggregator p = started(context, probe);
        context.setRecordMetadata(settings.sourceTopic(), 2, 40);
        p.process(record(1, "10.00", T0 + 100));
        context.setRecordMetadata(settings.sourceTopic(), 2, 41);
        p.process(new Record<>("2", new ChangeEvent(2, ChangeEvent.CREATE, "Globex", new BigDecimal("1.00"), "us-east",
                (T0 + 6_000) * 1000, (T0 + 6_000) * 1000), T0 + 6_000)); // other keys, other window
        assertThat(heard).containsExactly(Map.entry(2, 41L));
        punctuate(context);
        assertThat(context.forwarded()).hasSize(4).allSatisfy(f -> assertThat(PartialAggregator.through(f.record().headers())).hasValue(41));

        context.resetForwards();
        context.setRecordMetadata(settings.sourceTopic(), 2, 42);
        p.process(record(3, "1.00", T0 + 300)); // changes only the first window's parts
        punctuate(context);
        assertThat(context.forwarded()).hasSize(2).allSatisfy(f -> assertThat(PartialAggregator.through(f.record().headers())).hasValue(42));
    }

    @Test
    void aTaskStartingWithPartsNotYetEmittedTellsTheProbeTheOffsetOfTheirLastChange() {
        MockProcessorContext<String, WindowAggregate> before = contextWithStore();
        PartialAggregator first = started(before);
        before.setRecordMetadata(settings.sourceTopic(), 2, 7);
        first.process(record(1, "10.00", T0 + 100));
        punctuate(before);
        before.setRecordMetadata(settings.sourceTopic(), 2, 9);
        first.process(record(2, "1.00", T0 + 300)); // committed, not emitted

        Map<Integer, Long> heard = new HashMap<>();
        MockProcessorContext<String, WindowAggregate> after = contextWithStore();
        started(after, new ProcessorProbe() {
            @Override
            public void processed(ChangeEvent e) {
            }

            @Override
            public void replayed(ChangeEvent e) {
            }

            @Override
            public void late(ChangeEvent e) {
            }

            @Override
            public void aggregated(int partition, long offset) {
                heard.put(partition, offset);
            }
        });
        assertThat(heard).containsExactly(Map.entry(2, 9L));
        punctuate(after);
        assertThat(after.forwarded()).hasSize(2).allSatisfy(f -> assertThat(PartialAggregator.through(f.record().headers())).hasValue(9));
    }

    @Test
    void closedWindowsAreForgottenAndTheirLateEventsCounted() {
        MockProcessorContext<String, WindowAggregate> context = contextWithStore();
        long[] late = {0};
        PartialAggregator p = started(context, new ProcessorProbe() {
            @Override
            public void processed(ChangeEvent e) {
            }

            @Override
            public void replayed(ChangeEvent e) {
            }

            @Override
            public void late(ChangeEvent e) {
                late[0]++;
            }
        });
        p.process(record(1, "10.00", T0 + 100));
        punctuate(context);
        context.setCurrentStreamTimeMs(T0 + 15_001); // past the first window's end plus the grace
        punctuate(context);
        assertThat(store.approximateNumEntries()).isZero();
        p.process(record(2, "10.00", T0 + 200));
        assertThat(late[0]).isEqualTo(1);
        assertThat(store.approximateNumEntries()).isZero();
    }

    private MockProcessorContext<String, WindowAggregate> contextWithStore() {
        MockProcessorContext<String, WindowAggregate> context = new MockProcessorContext<>(
                StreamsProperties.of(settings, KafkaSettings.of("127.0.0.1:9"), dir), new TaskId(0, 2), dir.toFile());
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        context.setCurrentStreamTimeMs(T0);
        return context;
    }

    private PartialAggregator started(MockProcessorContext<String, WindowAggregate> context) {
        return started(context, ProcessorProbe.NONE);
    }

    private PartialAggregator started(MockProcessorContext<String, WindowAggregate> context, ProcessorProbe probe) {
        PartialAggregator p = new PartialAggregator(settings, probe);
        p.init(context);
        return p;
    }

    private static void punctuate(MockProcessorContext<String, WindowAggregate> context) {
        context.scheduledPunctuators().forEach(s -> s.getPunctuator().punctuate(0));
    }

    private static List<WindowAggregate> emitted(MockProcessorContext<String, WindowAggregate> context) {
        return context.forwarded().stream().<WindowAggregate>map(f -> f.record().value()).toList();
    }

    @Test
    void poisonAmountsAndFutureDatesAreSkippedAndCountedAndTheRestStillAggregates() {
        List<String> skipped = new java.util.ArrayList<>();
        List<Long> late = new java.util.ArrayList<>();
        MockProcessorContext<String, WindowAggregate> context = contextWithStore();
        PartialAggregator p = started(context, new ProcessorProbe() {
            @Override
            public void processed(ChangeEvent e) {
            }

            @Override
            public void replayed(ChangeEvent e) {
            }

            @Override
            public void late(ChangeEvent e) {
                late.add(e.id());
            }

            @Override
            public void skipped(ChangeEvent e, String reason) {
                skipped.add(e.id() + ": " + reason);
            }
        });
        p.process(record(1, "10.00", T0 + 100));
        p.process(record(2, "1e30", T0 + 150)); // no exact cents in a long
        p.process(record(3, "92233720368547758.00", T0 + 200)); // fits alone, the window's sum overflows
        // created_at in 2099: EventTimeExtractor kept the publish time as the record's time
        long y2099 = 4_070_908_800_000L;
        p.process(new Record<>("4", new ChangeEvent(4, ChangeEvent.CREATE, "Acme", BigDecimal.ONE, "eu-west", y2099 * 1000, T0 * 1000), T0 + 250));
        p.process(record(5, "5.00", T0 + 300));
        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(0)).startsWith("2: amount");
        assertThat(skipped.get(1)).startsWith("3: amount");
        assertThat(skipped.get(2)).startsWith("4: created_at");
        assertThat(late).isEmpty();
        punctuate(context);
        assertThat(emitted(context)).hasSize(2).allSatisfy(a -> {
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.sum()).isEqualByComparingTo("15.00");
        });
    }

    @Test
    void aRowDatedFarAheadKeepsItsPublishTimeSoStreamTimeStaysReal() {
        EventTimeExtractor x = new EventTimeExtractor();
        long now = System.currentTimeMillis();
        ChangeEvent future = new ChangeEvent(1, ChangeEvent.CREATE, "Acme", BigDecimal.ONE, "eu", 4_070_908_800_000L * 1000, now * 1000);
        ChangeEvent normal = new ChangeEvent(2, ChangeEvent.CREATE, "Acme", BigDecimal.ONE, "eu", (now - 5) * 1000, now * 1000);
        assertThat(x.extract(new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("t", 0, 0, now, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, "1", future, new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()), now)).isEqualTo(now);
        assertThat(x.extract(new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("t", 0, 1, now, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, "2", normal, new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()), now)).isEqualTo(now - 5);
    }

    private static Record<String, ChangeEvent> record(long id, String amount, long atMs) {
        ChangeEvent e = new ChangeEvent(id, ChangeEvent.CREATE, "Acme", new BigDecimal(amount), "eu-west", atMs * 1000, atMs * 1000);
        return new Record<>(Long.toString(id), e, atMs);
    }
}
