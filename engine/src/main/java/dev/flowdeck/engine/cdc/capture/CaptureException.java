package dev.flowdeck.engine.cdc.capture;

/** Capture cannot start or go on; the message says what is wrong and how to fix it. */
public class CaptureException extends RuntimeException {
    /** What went wrong, so callers and tests can tell the cases apart without reading the text. */
    public enum Reason {
        WAL_LEVEL, NO_REPLICATION_PRIVILEGE, NO_SUCH_TABLE, NO_PRIMARY_KEY, DATABASE_UNREACHABLE, BROKER_UNREACHABLE,
        SLOT_IN_USE, UNSUPPORTED, FAILED
    }

    private final Reason reason;

    public CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
