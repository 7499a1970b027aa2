package dev.flowdeck.engine.admin;

/** A ready-made query for the SQL console. */
public record SqlSample(String title, String sql) {
}
