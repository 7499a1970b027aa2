package dev.flowdeck.engine.source;

/** The seed file cannot be used at all; the message names the file and, where it can, the line. */
public final class SeedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SeedException(String message) {
        super(message);
    }
}
