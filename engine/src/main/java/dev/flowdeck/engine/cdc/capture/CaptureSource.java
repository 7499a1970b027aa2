package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.Stage;
import dev.flowdeck.engine.StageState;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A stage that captures the inserts, updates and deletes of chosen tables (snapshot first, then the stream) into one
 * topic per table, in the {@link ChangeEnvelope} format, exactly once. Implementations: PostgreSQL's log-based
 * capture ({@code PostgresLogCapture}) and H2's trigger-based change log. Both extend
 * {@link dev.flowdeck.engine.WorkerStage}, so {@link #awaitState} is its method.
 */
public interface CaptureSource extends Stage {
    CaptureSettings settings();

    /** Live counters, one per captured table, in the order of {@link CaptureSettings#tables()}. */
    List<TableCaptureStats> tableStats();

    /** The position the capture has committed so far, in the database's terms (e.g. {@code LSN 0/16B3748}); empty before the first commit. */
    Optional<String> committedPosition();

    /** What the capture holds in the database between runs, e.g. {@code replication slot flowdeck_shop}. */
    String retainedResource();

    /** Waits until the stage is in {@code wanted} (true) or FAILED or the timeout passed (false). */
    boolean awaitState(StageState wanted, Duration timeout) throws InterruptedException;

    /**
     * Drops what the capture created in the database (slot, publication, triggers, change log) so nothing keeps
     * growing there. Only when stopped. A later start begins again with a fresh snapshot.
     */
    void release();

    /** Why the capture FAILED, with its {@link CaptureException.Reason}; empty while it has not failed. */
    default Optional<CaptureException> failure() {
        return Optional.empty();
    }

    /** The stats of one table, if it is captured. */
    default Optional<TableCaptureStats> statsOf(TableId table) {
        return tableStats().stream().filter(s -> s.table().sameIgnoringCase(table)).findFirst();
    }
}
