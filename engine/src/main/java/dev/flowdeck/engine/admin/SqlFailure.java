package dev.flowdeck.engine.admin;

/**
 * A statement failed. The message is the database's own, unchanged (or Flowdeck's reason for refusing to run it in
 * read-only mode).
 */
public final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;
    private final boolean cancelled;
    private final boolean refused;

    public SqlFailure(String message, String sqlState, boolean cancelled, boolean refused, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.cancelled = cancelled;
        this.refused = refused;
    }

    /** The SQLSTATE code, or null. */
    public String sqlState() {
        return sqlState;
    }

    /** The run was cancelled by the user. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Flowdeck refused to run it (read-only mode), the database never saw it. */
    public boolean refused() {
        return refused;
    }
}
