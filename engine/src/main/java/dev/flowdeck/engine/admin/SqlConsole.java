package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;
import dev.flowdeck.engine.db.ReadOnlyAccess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs SQL typed by a person against the pipeline's database, H2 or PostgreSQL.
 *
 * <p><b>Read-only by default, enforced by the database.</b> A read-only run connects through
 * {@link Database#openReadOnly}: on H2 as a user with only {@code SELECT} rights (no writes, no DDL, no file
 * functions), on PostgreSQL as a read-only session that runs exactly one statement per round trip (see
 * {@link ReadOnlyAccess}). Each statement runs in its own transaction that is always rolled back. The keyword checks
 * here (transaction control; on H2 anything that is not a query) only give a friendlier message earlier: they are
 * not what keeps the data safe.
 *
 * <p><b>Writing</b> is an explicit switch. A writing run goes through {@link Database#write}, one transaction for the
 * whole script: the CDC poller's write fence then knows about it, so a row the console inserts into {@code livedb}
 * is never taken for a gap and skipped.
 *
 * <p>Results are streamed into a bounded page ({@code maxRows}); the rest is not read. A run can be cancelled from
 * another thread with a {@link SqlCancel}.
 */
public final class SqlConsole {
    public static final int DEFAULT_MAX_ROWS = 10_000;
    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT",
            "SAVEPOINT", "RELEASE", "PREPARE");

    private final Database db;

    public SqlConsole(Database db) {
        this.db = db;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    /**
     * Runs every statement of {@code script}.
     *
     * @param write   false: read-only (nothing can change); true: one committed transaction through the write fence
     * @param maxRows the most rows kept from a result set
     * @throws SqlFailure with the database's message, or the reason a statement was refused in read-only mode
     */
    public SqlResult run(String script, boolean write, int maxRows, SqlCancel cancel) {
        List<String> statements = SqlScript.split(script);
        if (statements.isEmpty()) {
            throw new SqlFailure("nothing to run: type a statement, e.g. SELECT * FROM livedb LIMIT 10", null, false, true, null);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("the page size must be at least 1 row");
        }
        if (!write) {
            for (String s : statements) {
                refuseTransactionControl(s);
            }
        }
        long t0 = System.nanoTime();
        Outcome outcome = new Outcome();
        try (Connection c = write ? db.open() : db.openReadOnly()) {
            if (write) {
                db.write(c, conn -> {
                    for (String s : statements) {
                        execute(conn, s, maxRows, cancel, false, outcome);
                    }
                    return null;
                });
            } else {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                for (String s : statements) {
                    try {
                        db.guardReadOnly(c, s);
                        execute(c, s, maxRows, cancel, true, outcome);
                    } finally {
                        c.rollback();
                    }
                }
            }
        } catch (ReadOnlyAccess.ReadOnlyRefusal e) {
            throw new SqlFailure(e.getMessage(), null, false, true, e);
        } catch (SQLException e) {
            throw failure(e, cancel);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return outcome.result(statements.size(), ms, write);
    }

    private static void refuseTransactionControl(String statement) {
        String verb = SqlScript.verb(statement);
        String t = SqlScript.stripComments(statement).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (TRANSACTION_CONTROL.contains(verb) || t.startsWith("SET TRANSACTION") || t.startsWith("SET SESSION CHARACTERISTICS")) {
            throw new SqlFailure("read-only mode: '" + verb + "' controls transactions, which the console does for you "
                    + "(each statement runs in a read-only transaction that is rolled back). Turn on 'Allow writes' to "
                    + "run a script in one committed transaction.", null, false, true, null);
        }
    }

    private void execute(Connection c, String sql, int maxRows, SqlCancel cancel, boolean readOnly, Outcome outcome)
            throws SQLException {
        try (Statement st = prepare(c, sql, readOnly)) {
            st.setMaxRows(maxRows + 1);
            st.setFetchSize(Math.min(maxRows + 1, 500));
            cancel.begin(st);
            try {
                boolean hasResult = st instanceof PreparedStatement ps ? ps.execute() : st.execute(sql);
                while (true) {
                    if (hasResult) {
                        try (ResultSet rs = st.getResultSet()) {
                            outcome.resultSet(rs, maxRows);
                        }
                    } else {
                        long count = st.getLargeUpdateCount();
                        if (count == -1) {
                            break;
                        }
                        outcome.update(SqlScript.verb(sql), count);
                    }
                    hasResult = st.getMoreResults();
                }
            } finally {
                cancel.end();
            }
        }
    }

    /**
     * On H2 in read-only mode, prepares the statement to learn whether it is a query, and refuses it if not: H2
     * would commit DDL at once and has no read-only transaction to refuse DML.
     */
    private Statement prepare(Connection c, String sql, boolean readOnly) throws SQLException {
        if (readOnly && db.dialect() == Dialect.H2) {
            PreparedStatement ps = c.prepareStatement(sql);
            if (ps.getMetaData() == null) {
                ps.close();
                String verb = SqlScript.verb(sql);
                throw new SqlFailure("read-only mode: " + (verb.isEmpty() ? "this statement" : verb)
                        + " is not a query and could change the database, so it was not run. Turn on 'Allow writes' to run it.",
                        null, false, true, null);
            }
            return ps;
        }
        return c.createStatement();
    }

    private static SqlFailure failure(SQLException e, SqlCancel cancel) {
        boolean cancelled = cancel.isCancelled() || "57014".equals(e.getSQLState()) || e.getErrorCode() == 57014;
        return new SqlFailure(String.valueOf(e.getMessage()), e.getSQLState(), cancelled, false, e);
    }

    /** What the statements of one run produced; the last result set wins. */
    private static final class Outcome {
        List<SqlColumn> columns = List.of();
        List<List<String>> rows = List.of();
        boolean more;
        long updateCount = -1;
        final List<String> parts = new ArrayList<>();

        void resultSet(ResultSet rs, int maxRows) throws SQLException {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<SqlColumn> cols = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                cols.add(new SqlColumn(md.getColumnLabel(i), md.getColumnTypeName(i), isNumeric(md.getColumnType(i))));
            }
            List<List<String>> data = new ArrayList<>();
            boolean truncated = false;
            while (rs.next()) {
                if (data.size() == maxRows) {
                    truncated = true;
                    break;
                }
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                data.add(row);
            }
            columns = cols;
            rows = data;
            more = truncated;
            updateCount = -1;
            parts.add(truncated ? "first " + Human.count(maxRows) + " rows (more not shown)" : Human.plural(data.size(), "row"));
        }

        void update(String verb, long count) {
            updateCount = count;
            columns = List.of();
            rows = List.of();
            more = false;
            parts.add(verb.isEmpty() ? "done" : verb + ": " + Human.plural(count, "row") + " affected");
        }

        SqlResult result(int statements, long ms, boolean wrote) {
            String summary = (statements > 1 ? statements + " statements: " : "") + String.join("; ", parts)
                    + " in " + Human.duration(ms) + (wrote ? ", committed" : "");
            return new SqlResult(columns, rows, more, updateCount, statements, ms, wrote, summary);
        }
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                    Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }
}
