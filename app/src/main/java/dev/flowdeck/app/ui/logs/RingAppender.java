package dev.flowdeck.app.ui.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** A Logback appender that keeps the application log in a {@link LogRing} for the Logs view, secrets masked. */
public final class RingAppender extends AppenderBase<ILoggingEvent> {
    public static final String NAME = "flowdeck-console-ring";
    private final LogRing ring;

    public RingAppender(LogRing ring) {
        this.ring = ring;
        setName(NAME);
    }

    /** Attaches a ring of {@code capacity} lines to the root logger (once) and returns it. */
    public static synchronized LogRing install(int capacity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new LogRing(capacity); // another SLF4J binding: the view stays empty rather than failing
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof RingAppender existing) {
            return existing.ring;
        }
        RingAppender appender = new RingAppender(new LogRing(capacity));
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        return appender.ring;
    }

    public LogRing ring() {
        return ring;
    }

    @Override
    protected void append(ILoggingEvent e) {
        String message = e.getFormattedMessage();
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            message = message + " — " + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        ring.add(e.getTimeStamp(), e.getLevel().toString(), e.getLoggerName(), e.getThreadName(), SecretMask.apply(message));
    }
}
