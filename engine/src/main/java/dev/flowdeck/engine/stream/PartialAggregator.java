package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tumbling-window totals per region and per organisation, computed where the events are read: in the task of each
 * source partition, without repartitioning. Each task emits its <em>part</em> of a window; the storage sink adds
 * the parts up in the database.
 *
 * <p><b>Why parts.</b> Grouping by region first would send every event through a repartition topic, where events
 * of all source partitions mix. When one partition is processed ahead of another (catching up after a pause, a
 * rebalance, a gap in the data), the mixed stream runs out of event-time order by as much as that lead, and Kafka
 * Streams drops the "late" events for good once it exceeds the grace period: the aggregates would then no longer
 * match the database. Here lateness is judged within one source partition, where events arrive nearly in insert
 * order; a restart or a gap of any length loses nothing. It also saves two produce-and-consume round trips per event.
 *
 * <p><b>Exactly once.</b> Each window part lives in a changelogged store together with an "emitted" flag. Events
 * update the part and clear the flag; a punctuator, once per commit interval, emits every part whose flag is clear
 * and sets it. Store, flags and emitted records commit in the same transaction, so after a crash the restored store
 * still shows which parts were not yet emitted. Parts are dropped from the store once the task's stream time is past
 * the window's end plus the grace period; an event for such a window is counted as late and skipped.
 */
final class PartialAggregator implements Processor<String, ChangeEvent, String, WindowAggregate> {
    static final String STORE = "window-parts";
    private static final char SEPARATOR = '\u001f';
    private static final int VALUE_BYTES = WindowStats.BYTES + 1;

    private final ProcessorSettings settings;
    private final ProcessorProbe probe;
    private final long windowMs;
    private final long graceMs;
    private ProcessorContext<String, WindowAggregate> context;
    private KeyValueStore<String, byte[]> store;
    private int part;

    PartialAggregator(ProcessorSettings settings, ProcessorProbe probe) {
        this.settings = settings;
        this.probe = probe;
        this.windowMs = settings.window().toMillis();
        this.graceMs = settings.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, WindowAggregate> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.part = context.taskId().partition();
        context.schedule(Duration.ofMillis(settings.commitIntervalMs()), PunctuationType.WALL_CLOCK_TIME, now -> emit());
    }

    @Override
    public void process(Record<String, ChangeEvent> record) {
        ChangeEvent e = record.value();
        long at = record.timestamp();
        long window = Math.floorDiv(at, windowMs) * windowMs;
        if (window + windowMs + graceMs <= context.currentStreamTimeMs()) {
            probe.late(e);
            return;
        }
        long cents = WindowStats.cents(e.amount());
        update(key(WindowAggregate.REGION, e.region(), window), cents, at);
        update(key(WindowAggregate.ORG, e.org(), window), cents, at);
    }

    private void update(String key, long cents, long at) {
        byte[] old = store.get(key);
        WindowStats stats = old == null ? WindowStats.EMPTY : WindowStats.readFrom(ByteBuffer.wrap(old));
        store.put(key, encode(stats.add(cents, at), false));
    }

    /** Emits the parts changed since the last emit; forgets parts of windows closed by stream time. */
    private void emit() {
        long closedBefore = context.currentStreamTimeMs() - graceMs - windowMs;
        List<KeyValue<String, byte[]>> changed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                boolean emitted = kv.value[WindowStats.BYTES] == 1;
                if (!emitted) {
                    changed.add(kv);
                } else if (windowOf(kv.key) <= closedBefore) {
                    expired.add(kv.key);
                }
            }
        }
        for (KeyValue<String, byte[]> kv : changed) {
            WindowStats stats = WindowStats.readFrom(ByteBuffer.wrap(kv.value));
            String k = kv.key;
            int first = k.indexOf(SEPARATOR);
            int last = k.lastIndexOf(SEPARATOR);
            WindowAggregate a = WindowAggregate.of(k.substring(0, first), k.substring(first + 1, last), part,
                    Long.parseLong(k.substring(last + 1)), windowMs, stats);
            context.forward(new Record<>(a.recordKey(), a, stats.lastEventMs()));
            store.put(kv.key, encode(stats, true));
        }
        expired.forEach(store::delete);
    }

    private static String key(String dimension, String key, long window) {
        return dimension + SEPARATOR + (key == null || key.isEmpty() ? "unknown" : key) + SEPARATOR + window;
    }

    private static long windowOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    private static byte[] encode(WindowStats stats, boolean emitted) {
        ByteBuffer b = ByteBuffer.allocate(VALUE_BYTES);
        stats.writeTo(b);
        b.put((byte) (emitted ? 1 : 0));
        return b.array();
    }
}
