package dev.flowdeck.engine.db;

/** The database could not be reached or used; the message names it and says what to check. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
