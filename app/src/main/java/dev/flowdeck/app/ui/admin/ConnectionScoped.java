package dev.flowdeck.app.ui.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * One service per connection: the service for the current settings, made on first use and replaced (the old one
 * closed) when the profile switches to other settings. Used from background tasks only.
 */
final class ConnectionScoped<K, S extends AutoCloseable> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionScoped.class);
    private final Function<K, S> factory;
    private K key;
    private S service;

    ConnectionScoped(Function<K, S> factory) {
        this.factory = factory;
    }

    synchronized S get(K settings) {
        if (service == null || !settings.equals(key)) {
            closeQuietly(service);
            service = factory.apply(settings);
            key = settings;
        }
        return service;
    }

    @Override
    public synchronized void close() {
        closeQuietly(service);
        service = null;
        key = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", c, e.toString());
        }
    }
}
