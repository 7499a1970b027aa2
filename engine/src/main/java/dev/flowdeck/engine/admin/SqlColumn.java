package dev.flowdeck.engine.admin;

/** A result column: its label, the database's type name, and whether it holds numbers (shown right-aligned). */
public record SqlColumn(String name, String type, boolean numeric) {
}
