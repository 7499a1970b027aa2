package dev.flowdeck.engine.admin;

/** Where browsing starts in each partition. */
public enum StartPosition {
    /** The oldest record still kept. */
    BEGINNING,
    /** The newest records: the last {@code limit} of each partition. */
    END,
    /** A given offset (the same one in every partition when browsing all). */
    OFFSET,
    /** The first record at or after a given time. */
    TIMESTAMP
}
