package dev.flowdeck.app.ui.logs;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** The stack trace of a logged exception with secrets masked (exception messages often carry the URL). */
public final class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return SecretMask.apply(super.throwableProxyToString(proxy));
    }
}
