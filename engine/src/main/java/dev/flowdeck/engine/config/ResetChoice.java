package dev.flowdeck.engine.config;

/**
 * What the CDC does when the source database was reset under it (ids start again below what was published, or a new
 * database where Kafka holds another one's offsets for the same topic).
 */
public enum ResetChoice {
    /** Stop publishing and say so; the console offers the two choices, the headless run exits non-zero. */
    ASK,
    /** Publish the table from its first row again. */
    RESNAPSHOT,
    /** Take the table's current highest id as published; only rows written from now on are published. */
    RESUME
}
