package dev.flowdeck.engine.db;

/**
 * Who was writing {@code livedb} at one moment. A row id is allocated inside a writing transaction, so once every
 * writer of an earlier snapshot has ended, an id allocated before that snapshot is either visible or gone for good.
 */
public interface WriterSnapshot {
    /** True when every writer in this snapshot has ended (committed or rolled back) by the time of {@code later}. */
    boolean allEndedBy(WriterSnapshot later);
}
