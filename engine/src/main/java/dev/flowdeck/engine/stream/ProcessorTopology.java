package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The processor's Kafka Streams topology (drawn in docs/processor.md):
 * <pre>
 * db_live_events ── skip op:"r" ──┬─ amount &gt; threshold ─────────────────────────────────────► flowdeck_alerts
 *  (event time = created_at)      └─ window parts (per source partition, store window-parts) ──► flowdeck_aggregates
 *                                     └─ region parts ► region-rates (1 partition) ► rate monitor ─► flowdeck_alerts
 *                                                                                                └► flowdeck_anomalies
 * </pre>
 * Every store is backed by a changelog topic and kept in RocksDB in the state folder (default) or in memory
 * ({@link ProcessorSettings#stateStore()}). After a clean stop a RocksDB store resumes from its checkpoint and
 * restores only what the changelog gained since; a memory store, or a RocksDB store after a crash under
 * exactly_once_v2, is rebuilt from the whole changelog. Either way it matches the committed input offsets exactly.
 */
public final class ProcessorTopology {
    private static final String MONITOR_KEY = "regions";
    /** Changelog segments roll every 10 minutes, so compaction and retention keep the restore after a restart short. */
    private static final Map<String, String> CHANGELOG = Map.of("segment.ms", Long.toString(Duration.ofMinutes(10).toMillis()));

    private ProcessorTopology() {
    }

    /** @param config the Kafka Streams configuration it will run with ({@link StreamsProperties}) */
    public static Topology build(ProcessorSettings s, ProcessorProbe probe, Properties config) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        Serde<String> strings = Serdes.String();
        Serde<WindowAggregate> aggregateSerde = ProcessorJson.serde(WindowAggregate.class);

        KStream<String, ChangeEvent> events = builder
                .stream(s.sourceTopic(), Consumed.with(strings, ProcessorJson.changeEvents())
                        .withTimestampExtractor(new EventTimeExtractor()).withName("change-events"))
                .filter((id, e) -> accept(e, probe), Named.as("skip-replays"));

        events.filter((id, e) -> e.amount() != null && e.amount().compareTo(s.alertAmount()) > 0, Named.as("amount-above"))
                .map((id, e) -> {
                    Alert a = Alert.amountAbove(e, s.alertAmount(), Math.floorDiv(e.createdAtMicros(), 1000L), System.currentTimeMillis());
                    return KeyValue.pair(a.key(), a);
                }, Named.as("amount-alert"))
                .to(s.alertsTopic(), Produced.with(strings, ProcessorJson.serde(Alert.class)).withName("amount-alerts-out"));

        builder.addStateStore(Stores.keyValueStoreBuilder(store(s, PartialAggregator.STORE),
                strings, Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(CHANGELOG));
        KStream<String, WindowAggregate> parts = events.process(() -> new PartialAggregator(s, probe),
                Named.as("window-parts"), PartialAggregator.STORE);
        parts.to(s.aggregatesTopic(), Produced.with(strings, aggregateSerde).withName("aggregates-out"));

        builder.addStateStore(Stores.keyValueStoreBuilder(store(s, RateMonitorProcessor.STORE),
                strings, Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(CHANGELOG));
        String alerts = s.alertsTopic();
        String anomalies = s.anomaliesTopic();
        parts.filter((k, a) -> WindowAggregate.REGION.equals(a.dimension()), Named.as("region-parts"))
                .selectKey((k, v) -> MONITOR_KEY, Named.as("all-regions"))
                .repartition(Repartitioned.<String, WindowAggregate>as("region-rates")
                        .withKeySerde(strings).withValueSerde(aggregateSerde).withNumberOfPartitions(1))
                .process(() -> new RateMonitorProcessor(s), Named.as("rate-monitor"), RateMonitorProcessor.STORE)
                .to((key, signal, context) -> signal instanceof Alert ? alerts : anomalies,
                        Produced.with(strings, ProcessorJson.serde(Signal.class)).withName("rate-signals-out"));
        return builder.build(config);
    }

    private static KeyValueBytesStoreSupplier store(ProcessorSettings s, String name) {
        return s.stateStore() == StateStoreKind.ROCKSDB ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    private static boolean accept(ChangeEvent e, ProcessorProbe probe) {
        if (e == null) {
            return false;
        }
        if (e.isReplay()) {
            probe.replayed(e); // a replay re-sends rows already counted: aggregating it would count them twice
            return false;
        }
        probe.processed(e);
        return true;
    }
}
