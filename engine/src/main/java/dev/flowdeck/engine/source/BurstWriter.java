package dev.flowdeck.engine.source;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.Clocks;
import dev.flowdeck.engine.metrics.StageCounters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Inserts seed rows into {@code livedb}, cycling through them: N rows every T ms (split across the writer
 * threads), one transaction per burst. Both settings are read on every burst, so a slider acts at once. In max-rate
 * mode it writes as fast as the CDC poller keeps up: it waits while the unpublished backlog is over the limit.
 */
public final class BurstWriter extends WorkerStage {
    static final String INSERT = "INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)";
    /**
     * Rows per INSERT statement: one statement of 100 rows costs H2 about 60 % of 100 batched single-row statements
     * (1.4 against 2.2 µs a row, docs/benchmarks.md), and PostgreSQL parses and plans it once.
     */
    static final int ROWS_PER_STATEMENT = 100;
    static final String INSERT_MANY = INSERT + ", (?, ?, ?, ?)".repeat(ROWS_PER_STATEMENT - 1);
    private static final int MAX_RATE_BURST = 5_000;

    private final Database db;
    private final PipelineSettings settings;
    private final List<SeedRow> seed;
    private final StageCounters counters;
    private final Runnable afterCommit;
    private final LongSupplier backlog;
    private final AtomicLong cursor = new AtomicLong();
    private volatile int threads = 1;

    /**
     * @param afterCommit called after each committed burst, e.g. to wake the CDC poller
     * @param backlog     rows written but not yet published, for max-rate mode
     */
    public BurstWriter(Database db, PipelineSettings settings, List<SeedRow> seed, StageCounters counters,
                       Runnable afterCommit, LongSupplier backlog) {
        super(StageId.WRITER);
        if (seed.isEmpty()) {
            throw new IllegalArgumentException("the burst writer needs at least one seed row");
        }
        this.db = db;
        this.settings = settings;
        this.seed = List.copyOf(seed);
        this.counters = counters;
        this.afterCommit = afterCommit;
        this.backlog = backlog;
    }

    @Override
    protected int workerCount() {
        threads = settings.writerThreads();
        return threads;
    }

    @Override
    protected void work(int worker) throws Exception {
        Connection connection = null;
        long nextBurst = System.nanoTime();
        long failures = 0;
        try {
            while (!stopping()) {
                boolean maxRate = settings.maxRate();
                if (maxRate && backlog.getAsLong() > settings.maxBacklogRows()) {
                    pause(1);
                    continue;
                }
                int rows = maxRate ? MAX_RATE_BURST : share(settings.rowsPerBurst(), worker);
                try {
                    if (connection == null) {
                        connection = db.open();
                    }
                    if (rows > 0) {
                        insertBurst(connection, rows);
                        afterCommit.run();
                    }
                    failures = 0;
                    setStatus(StageState.RUNNING, maxRate ? "writing at max rate" : "writing " + settings.rowsPerBurst()
                            + " rows every " + settings.burstIntervalMs() + " ms");
                } catch (SQLException e) {
                    counters.error();
                    Database.closeQuietly(connection);
                    connection = null;
                    failures++;
                    setStatus(StageState.DEGRADED, db.describeFailure(e) + " Retrying.");
                    backOff(Math.min(5_000, 250L * failures));
                    continue;
                }
                if (!maxRate) {
                    nextBurst = waitForNextBurst(nextBurst);
                }
            }
        } finally {
            Database.closeQuietly(connection);
        }
    }

    private long waitForNextBurst(long previous) {
        long interval = TimeUnit.MILLISECONDS.toNanos(settings.burstIntervalMs());
        long now = System.nanoTime();
        long next = previous + interval;
        if (next < now - interval) {
            next = now; // fell behind by more than a burst: do not write a catch-up storm
        }
        long waitMs = TimeUnit.NANOSECONDS.toMillis(next - now);
        if (waitMs > 0) {
            pause(waitMs);
        }
        return next;
    }

    /** This worker's part of a burst of {@code total} rows. */
    private int share(int total, int worker) {
        int n = threads;
        return total / n + (worker < total % n ? 1 : 0);
    }

    private void insertBurst(Connection c, int rows) throws SQLException {
        long start = cursor.getAndAdd(rows);
        long[] bytes = {0};
        long createdMicros = db.write(c, conn -> {
            long now = Clocks.nowMicros();
            OffsetDateTime createdAt = OffsetDateTime.ofInstant(Clocks.ofMicros(now), ZoneOffset.UTC);
            int i = 0;
            if (rows >= ROWS_PER_STATEMENT) {
                try (PreparedStatement many = conn.prepareStatement(INSERT_MANY)) {
                    for (; i + ROWS_PER_STATEMENT <= rows; i += ROWS_PER_STATEMENT) {
                        for (int j = 0; j < ROWS_PER_STATEMENT; j++) {
                            bytes[0] += bind(many, 4 * j, seed.get((int) ((start + i + j) % seed.size())), createdAt);
                        }
                        many.executeUpdate();
                    }
                }
            }
            if (i < rows) {
                try (PreparedStatement one = conn.prepareStatement(INSERT)) {
                    for (; i < rows; i++) {
                        bytes[0] += bind(one, 0, seed.get((int) ((start + i) % seed.size())), createdAt);
                        one.addBatch();
                    }
                    one.executeBatch();
                }
            }
            return now;
        });
        counters.add(rows, bytes[0], createdMicros);
    }

    /** Sets one row's four parameters after the first {@code offset}; returns the row's approximate size in bytes. */
    private static long bind(PreparedStatement ps, int offset, SeedRow row, OffsetDateTime createdAt) throws SQLException {
        ps.setString(offset + 1, row.org());
        ps.setBigDecimal(offset + 2, row.amount());
        ps.setString(offset + 3, row.region());
        ps.setObject(offset + 4, createdAt);
        return row.org().length() + row.region().length() + 24;
    }

}
