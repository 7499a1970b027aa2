package dev.flowdeck.app.ui.logs;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} for the stderr log with secrets masked as the Logs page masks them ({@link SecretMask}): a driver's
 * message that echoes a URL with {@code password=...}, or the current profile's password, never reaches a terminal
 * or a captured log file in clear.
 */
public final class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMask.apply(super.convert(event));
    }
}
