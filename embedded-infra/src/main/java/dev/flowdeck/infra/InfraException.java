package dev.flowdeck.infra;

/** The embedded infrastructure could not do what was asked; the message says what and what to do about it. */
public final class InfraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
