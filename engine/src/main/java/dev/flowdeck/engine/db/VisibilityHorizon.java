package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Observes which transactions are writing {@code livedb}: the ground on which the CDC poller declares an id gap
 * final. An implementation must include every transaction that may already hold an allocated id.
 */
public interface VisibilityHorizon {
    WriterSnapshot observe(Connection connection) throws SQLException;
}
