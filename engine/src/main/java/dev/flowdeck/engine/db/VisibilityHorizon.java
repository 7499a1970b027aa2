package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Observes which writing transactions have ended: the ground on which the CDC poller declares an id gap final. */
public interface VisibilityHorizon {
    Horizon observe(Connection connection) throws SQLException;
}
