package dev.flowdeck.engine.admin.schema;

/** A schema cannot be fetched or does not fit a record; the message says which and why, for the user. */
public final class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
