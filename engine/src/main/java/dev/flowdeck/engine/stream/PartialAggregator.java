package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

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
 *
 * <p><b>Knowing when the parts are stored.</b> Each part in the store also keeps the source offset of the last event
 * that changed it. An emit takes every changed part, so the highest of their offsets is the highest offset whose
 * change this task has ever emitted; every emitted part carries it in the header {@value #THROUGH_HEADER}. The probe
 * hears the offset of every event that changes a part ({@link ProcessorProbe#aggregated}), and of parts restored
 * un-emitted at start; once the sink has stored a part stamped with the latest of them, every part those events
 * changed is stored (see {@link StreamProcessor#drain}). Offsets live in the store, so this holds across a crash.
 */
final class PartialAggregator implements Processor<String, ChangeEvent, String, WindowAggregate> {
    static final String STORE = "window-parts";
    /** On every emitted part: the source offset through which this task's changes are emitted (8 bytes, big-endian). */
    static final String THROUGH_HEADER = "flowdeck.through";
    private static final long NONE = Long.MIN_VALUE;
    private static final char SEPARATOR = '\u001f';
    private static final int FLAG = WindowStats.BYTES;
    private static final int OFFSET = FLAG + 1;
    /** Totals, the emitted flag, the offset of the last change. (Parts stored without the offset read as offset -1.) */
    private static final int VALUE_BYTES = OFFSET + Long.BYTES;

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
        long restored = lastUnemittedChange();
        if (restored != NONE) {
            probe.aggregated(part, restored); // committed but not emitted before a crash: emitted at the next punctuation
        }
        context.schedule(Duration.ofMillis(settings.commitIntervalMs()), PunctuationType.WALL_CLOCK_TIME, now -> emit());
    }

    @Override
    public void process(Record<String, ChangeEvent> record) {
        ChangeEvent e = record.value();
        long at = record.timestamp();
        if (e.createdAtMicros() > 0 && at != Math.floorDiv(e.createdAtMicros(), 1000L)) {
            // EventTimeExtractor kept the publish time: created_at is too far in the future to be a real insert time
            probe.skipped(e, "created_at is more than " + EventTimeExtractor.MAX_AHEAD.toHours() + " h ahead of when it was published");
            return;
        }
        long window = Math.floorDiv(at, windowMs) * windowMs;
        if (window + windowMs + graceMs <= context.currentStreamTimeMs()) {
            probe.late(e);
            return;
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        String regionKey = key(WindowAggregate.REGION, e.region(), window);
        String orgKey = key(WindowAggregate.ORG, e.org(), window);
        WindowStats byRegion;
        WindowStats byOrg;
        try {
            // both parts computed before either is stored: a poison amount changes neither
            long cents = WindowStats.cents(e.amount());
            byRegion = stats(regionKey).add(cents, at);
            byOrg = stats(orgKey).add(cents, at);
        } catch (ArithmeticException overflow) {
            probe.skipped(e, "amount " + e.amount() + " does not fit the window's exact sum in cents");
            return;
        }
        store.put(regionKey, encode(byRegion, false, offset));
        store.put(orgKey, encode(byOrg, false, offset));
        probe.aggregated(part, offset);
    }

    private WindowStats stats(String key) {
        byte[] old = store.get(key);
        return old == null ? WindowStats.EMPTY : WindowStats.readFrom(ByteBuffer.wrap(old));
    }

    /** Emits the parts changed since the last emit; forgets parts of windows closed by stream time. */
    private void emit() {
        long closedBefore = context.currentStreamTimeMs() - graceMs - windowMs;
        List<KeyValue<String, byte[]>> changed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                boolean emitted = kv.value[FLAG] == 1;
                if (!emitted) {
                    changed.add(kv);
                } else if (windowOf(kv.key) <= closedBefore) {
                    expired.add(kv.key);
                }
            }
        }
        long throughOffset = changed.stream().mapToLong(kv -> changedAt(kv.value)).max().orElse(NONE);
        byte[] through = ByteBuffer.allocate(Long.BYTES).putLong(throughOffset).array();
        for (KeyValue<String, byte[]> kv : changed) {
            WindowStats stats = WindowStats.readFrom(ByteBuffer.wrap(kv.value));
            String k = kv.key;
            int first = k.indexOf(SEPARATOR);
            int last = k.lastIndexOf(SEPARATOR);
            WindowAggregate a = WindowAggregate.of(k.substring(0, first), k.substring(first + 1, last), part,
                    Long.parseLong(k.substring(last + 1)), windowMs, stats);
            Record<String, WindowAggregate> out = new Record<>(a.recordKey(), a, stats.lastEventMs());
            out.headers().add(THROUGH_HEADER, through);
            context.forward(out);
            store.put(kv.key, encode(stats, true, changedAt(kv.value)));
        }
        expired.forEach(store::delete);
    }

    /** The offset of the latest change not yet emitted, or {@link #NONE}. */
    private long lastUnemittedChange() {
        long last = NONE;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                byte[] v = it.next().value;
                if (v[FLAG] == 0) {
                    last = Math.max(last, changedAt(v));
                }
            }
        }
        return last;
    }

    private static long changedAt(byte[] value) {
        return value.length >= VALUE_BYTES ? ByteBuffer.wrap(value).getLong(OFFSET) : -1;
    }

    /** The {@value #THROUGH_HEADER} of a part read from the aggregates topic, or empty if it has none. */
    static OptionalLong through(Headers headers) {
        Header h = headers.lastHeader(THROUGH_HEADER);
        return h == null || h.value() == null || h.value().length != Long.BYTES ? OptionalLong.empty()
                : OptionalLong.of(ByteBuffer.wrap(h.value()).getLong());
    }

    private static String key(String dimension, String key, long window) {
        return dimension + SEPARATOR + (key == null || key.isEmpty() ? "unknown" : key) + SEPARATOR + window;
    }

    private static long windowOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    private static byte[] encode(WindowStats stats, boolean emitted, long changedAt) {
        ByteBuffer b = ByteBuffer.allocate(VALUE_BYTES);
        stats.writeTo(b);
        b.put((byte) (emitted ? 1 : 0));
        b.putLong(changedAt);
        return b.array();
    }
}
