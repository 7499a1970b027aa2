package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.cdc.capture.h2.H2ChangeLogCapture;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.Dialect;

/** The capture that fits a database: log-based on PostgreSQL, the trigger-fed change log on H2. */
public final class Captures {
    private Captures() {
    }

    public static CaptureSource create(Database db, KafkaSettings kafka, CaptureSettings settings) {
        return db.dialect() == Dialect.POSTGRESQL
                ? new PostgresLogCapture(db.settings(), kafka, settings)
                : new H2ChangeLogCapture(db, kafka, settings);
    }
}
