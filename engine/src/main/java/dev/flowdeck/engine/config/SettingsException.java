package dev.flowdeck.engine.config;

/** A setting is wrong; the message names it and says how to fix it. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
