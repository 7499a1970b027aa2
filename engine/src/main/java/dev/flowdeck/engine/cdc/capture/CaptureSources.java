package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Dialect;

/** The capture for a database: log-based on PostgreSQL, the trigger-fed change log on H2. The one place that chooses. */
public final class CaptureSources {
    private CaptureSources() {
    }

    public static CaptureSource create(DbSettings db, KafkaSettings kafka, CaptureSettings settings) {
        requireAvailable(Dialect.of(db.jdbcUrl()));
        return new PostgresLogCapture(db, kafka, settings);
    }

    /** Fails at once (before anything starts) when this build cannot capture from {@code dialect}. */
    public static void requireAvailable(Dialect dialect) {
        if (dialect == Dialect.H2) {
            // the embedded H2's capture (triggers + change log read by the exactly-once poller) plugs in here
            throw new CaptureException(CaptureException.Reason.UNSUPPORTED, "capturing tables of the embedded H2"
                    + " database is not yet available in this build: give a PostgreSQL database with --jdbc-url and"
                    + " --db-user (password in FLOWDECK_DB_PASSWORD)");
        }
    }
}
