package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;

/** Hears every event the topology takes in, on the stream threads; must be cheap and thread-safe. */
public interface ProcessorProbe {
    ProcessorProbe NONE = new ProcessorProbe() {
        @Override
        public void processed(ChangeEvent e) {
        }

        @Override
        public void replayed(ChangeEvent e) {
        }

        @Override
        public void late(ChangeEvent e) {
        }
    };

    /** A live event ({@code op:"c"}) entered the aggregates and rules. */
    void processed(ChangeEvent e);

    /** A replayed event ({@code op:"r"}) was skipped. */
    void replayed(ChangeEvent e);

    /** An event arrived after its window was closed (more than the grace period late) and is not in the aggregates. */
    void late(ChangeEvent e);

    /**
     * An event that cannot be aggregated (an amount too large for exact cents, a sum that would overflow, a
     * {@code created_at} far in the future) was skipped and counted, instead of stopping the processor.
     */
    default void skipped(ChangeEvent e, String reason) {
    }

    /**
     * The event at {@code offset} of source partition {@code partition} changed a window part, which now waits to be
     * emitted; also called when a task starts with parts restored un-emitted (the offset of their latest change).
     */
    default void aggregated(int partition, long offset) {
    }
}
