package dev.flowdeck.engine.admin;

/** Where a produced record landed. */
public record ProducedRecord(String topic, int partition, long offset, long timestamp) {
}
