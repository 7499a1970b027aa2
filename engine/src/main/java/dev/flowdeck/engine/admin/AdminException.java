package dev.flowdeck.engine.admin;

/**
 * An admin operation was refused or failed. The message is meant for the user as is: it names what is wrong and,
 * where there is one, how to fix it.
 */
public final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AdminException(String message) {
        super(message);
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
