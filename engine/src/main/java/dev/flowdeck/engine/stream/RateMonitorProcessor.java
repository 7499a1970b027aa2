package dev.flowdeck.engine.stream;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.List;

/**
 * Runs the {@link RegionRateMonitor} inside Kafka Streams. Its input is every region's window counts, all on one
 * partition, so one task sees every region. The monitor's state lives in a changelogged store, so a restart (or
 * another instance taking over) continues exactly where the last commit left off.
 *
 * <p>Event time drives the monitor while events flow. A wall-clock punctuator covers silence: when no input came
 * for {@link ProcessorSettings#idleAfterMs()}, the watermark moves to "now minus that", so a region (or all of them)
 * going quiet is reported even though no record says so.
 */
final class RateMonitorProcessor implements Processor<String, WindowAggregate, String, Signal> {
    static final String STORE = "rate-monitor";
    private static final String STATE_KEY = "state";

    private final ProcessorSettings settings;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, byte[]> store;
    private RegionRateMonitor monitor;
    private long savedChanges = -1;

    RateMonitorProcessor(ProcessorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.monitor = new RegionRateMonitor(settings);
        byte[] saved = store.get(STATE_KEY);
        if (saved != null) {
            monitor.restore(ProcessorJson.read(saved, RegionRateMonitor.State.class), context.currentSystemTimeMs());
        }
        savedChanges = monitor.changes();
        long every = Math.max(100, Math.min(1_000, settings.idleAfterMs() / 2));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, WindowAggregate> record) {
        WindowAggregate a = record.value();
        if (a == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        emit(monitor.onCount(a.key(), a.part() == null ? 0 : a.part(), a.windowStartMs(), a.count(), record.timestamp(), now));
    }

    private void onWallClock(long now) {
        emit(monitor.onWallClock(now));
    }

    private void emit(List<Signal> signals) {
        for (Signal s : signals) {
            context.forward(new Record<>(s.key(), s, s.timeMs()));
        }
        if (monitor.changes() != savedChanges) {
            store.put(STATE_KEY, ProcessorJson.write(monitor.state()));
            savedChanges = monitor.changes();
        }
    }
}
