package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own answer: {@code pg_current_snapshot()}. Every transaction id below the snapshot's xmin has
 * ended, and every transaction that starts writing later gets an id of at least its xmax. Works for any writer,
 * whether Flowdeck, psql or another program.
 */
public final class PostgresSnapshotHorizon implements VisibilityHorizon {
    private static final String QUERY = "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
            + " FROM (SELECT pg_current_snapshot() AS s) q";

    @Override
    public Horizon observe(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            return new Horizon(rs.getLong(1), rs.getLong(2));
        }
    }
}
