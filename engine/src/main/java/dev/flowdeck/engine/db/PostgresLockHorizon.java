package dev.flowdeck.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * PostgreSQL: the transactions holding a write lock on {@code livedb}, from {@code pg_locks}. An INSERT takes
 * RowExclusiveLock on the table before it evaluates the id default and keeps it until commit or rollback, so every
 * transaction that may hold an allocated id is in the set, whoever runs it (Flowdeck, psql, another program).
 *
 * <p>Why not the snapshot's xmin/xmax: PostgreSQL assigns a transaction id lazily, at its first row write, after
 * {@code nextval()} has run. A transaction inside that window (e.g. in a BEFORE INSERT trigger, or descheduled on a
 * busy machine) holds an id yet appears in no snapshot, and a gap below it would be declared final too early.
 * Virtual transaction ids exist from the start.
 */
public final class PostgresLockHorizon implements VisibilityHorizon {
    private static final String QUERY = "SELECT DISTINCT virtualtransaction FROM pg_locks WHERE locktype = 'relation'"
            + " AND relation = 'livedb'::regclass AND mode NOT IN ('AccessShareLock', 'RowShareLock')";

    /** Virtual transaction ids ("backend/local") writing livedb; unique for the life of the server. */
    record LockHolders(Set<String> transactions) implements WriterSnapshot {
        @Override
        public boolean allEndedBy(WriterSnapshot later) {
            return Collections.disjoint(transactions, ((LockHolders) later).transactions);
        }
    }

    @Override
    public WriterSnapshot observe(Connection connection) throws SQLException {
        Set<String> holders = new HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                holders.add(rs.getString(1));
            }
        }
        return new LockHolders(holders);
    }
}
