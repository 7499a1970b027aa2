package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * H2: the sessions that hold uncommitted changes (and, if asked, those running a statement), from {@code INFORMATION_SCHEMA.SESSIONS}.
 * It sees every writer, whoever runs it (the SQL page, a user's JDBC code), unlike the in-process {@link WriteFence},
 * which only sees writers that enter it. H2 does not show which transaction a session is in, so a session seen in
 * both observations counts as still writing: a gap is declared final later than it could be, never too early.
 */
public final class H2SessionHorizon implements VisibilityHorizon {
    private static final String WRITING = "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
            + " WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID()";
    private static final String WRITING_OR_RUNNING = "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
            + " WHERE (CONTAINS_UNCOMMITTED OR EXECUTING_STATEMENT IS NOT NULL) AND SESSION_ID <> SESSION_ID()";

    private final String query;

    /**
     * @param includeRunning also count sessions running a statement that has not changed a row yet (needed when a
     *                       trigger is installed: such a statement may write without firing it)
     */
    public H2SessionHorizon(boolean includeRunning) {
        this.query = includeRunning ? WRITING_OR_RUNNING : WRITING;
    }

    /** Ids of the sessions writing at one moment. */
    record Writers(Set<Integer> sessions) implements WriterSnapshot {
        @Override
        public boolean allEndedBy(WriterSnapshot later) {
            return Collections.disjoint(sessions, ((Writers) later).sessions);
        }
    }

    @Override
    public WriterSnapshot observe(Connection connection) throws SQLException {
        Set<Integer> sessions = new HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                sessions.add(rs.getInt(1));
            }
        }
        return new Writers(sessions);
    }

    /** The ids of the sessions an observation of this horizon saw writing. */
    public static Set<Integer> sessionsOf(WriterSnapshot observed) {
        return ((Writers) observed).sessions;
    }
}
