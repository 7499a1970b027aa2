package dev.flowdeck.engine.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one stage has done, updated by its workers without locks: items handled, bytes, errors, and the creation
 * time of the newest row it handled (to say how far behind it is in time).
 */
public final class StageCounters {
    private final String stage;
    private final LongAdder items = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile long newestCreatedAtMicros;

    public StageCounters(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    public void add(long count, long byteCount, long newestCreatedMicros) {
        items.add(count);
        bytes.add(byteCount);
        if (newestCreatedMicros > newestCreatedAtMicros) {
            newestCreatedAtMicros = newestCreatedMicros;
        }
    }

    public void error() {
        errors.increment();
    }

    public long items() {
        return items.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long newestCreatedAtMicros() {
        return newestCreatedAtMicros;
    }
}
