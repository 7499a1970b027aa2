package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;

/**
 * The processor's Kafka Streams topology (drawn in docs/processor.md):
 * <pre>
 * db_live_events ─ skip op:"r" ─┬─ amount &gt; threshold ──────────────────────────────────────────► flowdeck_alerts
 *   (event time = created_at)   ├─ key by region ► by-region (repartition) ► 5 s windows ─┬──────► flowdeck_aggregates
 *                               │                                                         └─ counts ► region-rates
 *                               │                                    (1 partition) ► rate monitor ─► flowdeck_alerts
 *                               │                                                                 └► flowdeck_anomalies
 *                               └─ key by org ► by-org (repartition) ► 5 s windows ──────────────► flowdeck_aggregates
 * </pre>
 * Every store is in memory and backed by a changelog topic: after a restart the state is rebuilt from Kafka, and
 * under exactly_once_v2 it matches the committed input offsets exactly.
 */
public final class ProcessorTopology {
    static final String REGION_STORE = "region-windows";
    static final String ORG_STORE = "org-windows";
    private static final String MONITOR_KEY = "regions";

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

        TimeWindows windows = TimeWindows.ofSizeAndGrace(s.window(), s.grace());
        KStream<String, WindowAggregate> byRegion = windowed(events, WindowAggregate.REGION, REGION_STORE, ChangeEvent::region, windows, s);
        KStream<String, WindowAggregate> byOrg = windowed(events, WindowAggregate.ORG, ORG_STORE, ChangeEvent::org, windows, s);
        byRegion.to(s.aggregatesTopic(), Produced.with(strings, aggregateSerde).withName("region-aggregates-out"));
        byOrg.to(s.aggregatesTopic(), Produced.with(strings, aggregateSerde).withName("org-aggregates-out"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RateMonitorProcessor.STORE),
                strings, Serdes.ByteArray()).withCachingEnabled());
        String alerts = s.alertsTopic();
        String anomalies = s.anomaliesTopic();
        byRegion.selectKey((k, v) -> MONITOR_KEY, Named.as("all-regions"))
                .repartition(Repartitioned.<String, WindowAggregate>as("region-rates")
                        .withKeySerde(strings).withValueSerde(aggregateSerde).withNumberOfPartitions(1))
                .process(() -> new RateMonitorProcessor(s), Named.as("rate-monitor"), RateMonitorProcessor.STORE)
                .to((key, signal, context) -> signal instanceof Alert ? alerts : anomalies,
                        Produced.with(strings, ProcessorJson.serde(Signal.class)).withName("rate-signals-out"));
        return builder.build(config);
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

    /** Per-key tumbling-window totals, emitted on every cache flush (each commit) while the window is open. */
    private static KStream<String, WindowAggregate> windowed(KStream<String, ChangeEvent> events, String dimension, String storeName,
                                                             Function<ChangeEvent, String> keyOf, TimeWindows windows,
                                                             ProcessorSettings s) {
        long windowMs = s.window().toMillis();
        Duration retention = s.window().plus(s.grace());
        KTable<Windowed<String>, WindowStats> table = events
                .map((id, e) -> KeyValue.pair(keyOrUnknown(keyOf.apply(e)), WindowStats.cents(e.amount())),
                        Named.as("key-by-" + dimension))
                .groupByKey(Grouped.with("by-" + dimension, Serdes.String(), Serdes.Long()))
                .windowedBy(windows)
                .aggregate(() -> WindowStats.EMPTY, (key, cents, stats) -> stats.add(cents), Named.as(dimension + "-aggregate"),
                        Materialized.<String, WindowStats>as(Stores.inMemoryWindowStore(storeName, retention, s.window(), false))
                                .withKeySerde(Serdes.String()).withValueSerde(WindowStats.serde()));
        return table.toStream(Named.as(dimension + "-updates"))
                .map((w, stats) -> {
                    WindowAggregate a = WindowAggregate.of(dimension, w.key(), w.window().start(), windowMs, stats);
                    return KeyValue.pair(a.recordKey(), a);
                }, Named.as(dimension + "-to-aggregate"));
    }

    private static String keyOrUnknown(String key) {
        return key == null || key.isEmpty() ? "unknown" : key;
    }
}
