package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.cdc.capture.h2.H2ChangeLogCapture;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;

/** The capture for a database: log-based on PostgreSQL, the trigger-fed change log on H2. The one place that chooses. */
public final class CaptureSources {
    private CaptureSources() {
    }

    public static CaptureSource create(DbSettings db, KafkaSettings kafka, CaptureSettings settings) {
        requireAvailable(Dialect.of(db.jdbcUrl()));
        return Dialect.of(db.jdbcUrl()) == Dialect.H2
                ? new H2ChangeLogCapture(Database.connect(db), kafka, settings)
                : new PostgresLogCapture(db, kafka, settings);
    }

    /** Fails at once (before anything starts) when this build cannot capture from {@code dialect}. */
    public static void requireAvailable(Dialect dialect) {
        // both are available: H2 through triggers and a change log read by the exactly-once poller's cursor
    }
}
