package dev.flowdeck.engine.retention;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.StageCounters;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Keeps {@code livedb} within the {@link RetentionSettings}: every few seconds it deletes the oldest rows beyond them
 * (see {@link LivedbTrim}), only rows the CDC poller has already published. The processor's aggregates are trimmed by
 * its sink, on the sink's own connection, so trimming never races the sink's upserts.
 *
 * <p>The counter counts rows deleted. Nothing is published for them: they are not user deletes.
 */
public final class Retention extends WorkerStage {
    public static final StageId ID = new StageId("retention", "retention", "Retention");
    static final long EVERY_MS = 5_000;

    private final Database db;
    private final RetentionSettings settings;
    private final LongSupplier settledThrough;
    private final StageCounters trimmed;
    private final long everyMs;

    /**
     * @param settledThrough the CDC poller's committed watermark: every id at or below it is published
     */
    public Retention(Database db, RetentionSettings settings, LongSupplier settledThrough, StageCounters trimmed) {
        this(db, settings, settledThrough, trimmed, EVERY_MS);
    }

    Retention(Database db, RetentionSettings settings, LongSupplier settledThrough, StageCounters trimmed, long everyMs) {
        super(ID);
        this.db = db;
        this.settings = settings;
        this.settledThrough = settledThrough;
        this.trimmed = trimmed;
        this.everyMs = everyMs;
    }

    @Override
    protected void work(int worker) {
        Connection connection = null;
        long failures = 0;
        try {
            while (!stopping()) {
                try {
                    if (connection == null) {
                        connection = db.open();
                    }
                    trimOnce(connection);
                    failures = 0;
                } catch (SQLException e) {
                    failures++;
                    trimmed.error();
                    Database.closeQuietly(connection);
                    connection = null;
                    setStatus(StageState.DEGRADED, "cannot trim livedb: " + db.describeFailure(e) + " Retrying.");
                    backOff(Math.min(60_000, everyMs * failures));
                    continue;
                }
                pause(everyMs);
            }
        } finally {
            Database.closeQuietly(connection);
        }
    }

    /** One pass; returns the rows deleted. */
    long trimOnce(Connection connection) throws SQLException {
        long deleted = settings.keepsEverything() ? 0
                : LivedbTrim.trim(connection, db, settings, settledThrough.getAsLong(), Instant.now());
        if (deleted > 0) {
            trimmed.add(deleted, 0, 0);
        }
        setStatus(StageState.RUNNING, String.format(Locale.ROOT, "keeping %s of livedb; %,d older rows trimmed",
                settings.describe(), trimmed.items()));
        return deleted;
    }

}
