package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The CDC poller's delivery guarantee, case by case, against a real broker: every committed row exactly once, also
 * with out-of-order commits, rollback gaps and long-open transactions. Run once per database.
 */
abstract class CdcDeliveryContract extends SharedBroker {

    protected Database db;
    private CdcPoller poller;
    private String topic;

    /** A fresh, empty database for one test. */
    protected abstract DbSettings freshDatabase(Path dir);

    protected void dispose(DbSettings settings) {
    }

    void startPoller(Path dir, TestInfo info) {
        startPoller(dir, info, 20);
    }

    void startPoller(Path dir, TestInfo info, long pollIntervalMs) {
        db = Database.connect(freshDatabase(dir));
        topic = "cdc-" + info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
        PipelineSettings settings = new PipelineSettings().topic(topic).partitions(3).pollIntervalMs(pollIntervalMs).pollBatchSize(500);
        poller = new CdcPoller(db, kafka, settings, new StageCounters("poller"), new LatencyRecorder());
        poller.start();
        try {
            assertThat(poller.awaitState(StageState.RUNNING, Duration.ofSeconds(60))).as("poller running").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected CdcPoller poller() {
        return poller;
    }

    @AfterEach
    void stopPoller() {
        if (poller != null) {
            poller.stop();
        }
        if (db != null) {
            dispose(db.settings());
        }
    }

    @Test
    void eightWritersCommittingOutOfOrderWithRollbacksArePublishedExactlyOnce(@TempDir Path dir, TestInfo info) throws Exception {
        startPoller(dir, info);
        ExecutorService writers = Executors.newFixedThreadPool(8, r -> new Thread(r, "test-writer"));
        AtomicInteger rolledBack = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            long seed = w;
            done.add(writers.submit(() -> {
                Random random = new Random(seed);
                try (Connection c = db.open()) {
                    for (int tx = 0; tx < 30; tx++) {
                        int rows = 1 + random.nextInt(20);
                        boolean rollback = random.nextInt(8) == 0;
                        long holdNanos = TimeUnit.MILLISECONDS.toNanos(random.nextInt(15));
                        try {
                            db.write(c, conn -> {
                                insert(conn, rows);
                                LockSupport.parkNanos(holdNanos); // keep the transaction open: commits leave id order
                                if (rollback) {
                                    throw new SQLException("rolled back on purpose");
                                }
                                return null;
                            });
                        } catch (SQLException e) {
                            rolledBack.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        writers.shutdown();
        assertThat(rolledBack.get()).as("some transactions rolled back, leaving gaps").isPositive();

        List<Long> ids = idsInDatabase();
        assertThat(ids).hasSizeGreaterThan(1_000);
        awaitExactlyOnce(ids);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(poller.offsetState().watermark()).as("watermark passes every gap").isEqualTo(ids.get(ids.size() - 1)));
    }

    @Test
    void rolledBackIdLeavesAGapThatDoesNotStallThePoller(@TempDir Path dir, TestInfo info) throws Exception {
        startPoller(dir, info);
        try (Connection c = db.open()) {
            db.write(c, conn -> insert(conn, 5));
            assertThatThrownBy(() -> db.write(c, conn -> {
                insert(conn, 3);
                throw new SQLException("rolled back on purpose");
            })).isInstanceOf(SQLException.class);
            db.write(c, conn -> insert(conn, 5));
        }
        List<Long> ids = idsInDatabase();
        assertThat(ids).hasSize(10);
        assertThat(ids.get(9) - ids.get(0)).as("the rollback burned ids").isGreaterThan(9);
        awaitExactlyOnce(ids);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(poller.offsetState().watermark()).isEqualTo(ids.get(9)));
        assertThat(poller.offsetState().published().isEmpty()).isTrue();
    }

    @Test
    void transactionOpenForManyPollIntervalsDelaysOnlyItsOwnRows(@TempDir Path dir, TestInfo info) throws Exception {
        startPoller(dir, info);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-slow-writer"));
        Future<Long> slowId = slow.submit(() -> {
            try (Connection c = db.open()) {
                return db.write(c, conn -> {
                    long id = insert(conn, 1);
                    inserted.countDown();
                    try {
                        release.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return id;
                });
            }
        });
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

        List<Long> later = new ArrayList<>();
        try (Connection c = db.open()) {
            for (int round = 0; round < 5; round++) {
                long last = db.write(c, conn -> insert(conn, 20));
                later.add(last);
                // each round is published while the slow transaction stays open: many poll intervals pass
                await().atMost(Duration.ofSeconds(20)).until(() -> poller.offsetState().isPublished(last));
            }
        }
        Map<Long, Integer> before = TopicContents.countsById(kafka, topic);
        assertThat(before).hasSize(100);
        assertThat(poller.status().state()).isEqualTo(StageState.RUNNING);

        release.countDown();
        long id = slowId.get(30, TimeUnit.SECONDS);
        slow.shutdown();
        assertThat(id).as("the slow row got an id below the rows committed after it").isLessThan(later.get(0));
        assertThat(before).doesNotContainKey(id);
        List<Long> ids = idsInDatabase();
        awaitExactlyOnce(ids);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(poller.offsetState().watermark()).isEqualTo(ids.get(ids.size() - 1)));
    }

    @Test
    void rowsWrittenWithoutTheWriterAreCapturedToo(@TempDir Path dir, TestInfo info) throws Exception {
        startPoller(dir, info);
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            // an autocommit INSERT with the table's defaults, as psql or another program would write it
            db.write(c, conn -> {
                try (Statement s = conn.createStatement()) {
                    s.executeUpdate("INSERT INTO livedb (org, amount, region) VALUES ('Typed by hand', 1.50, 'eu-west')");
                }
                return null;
            });
            assertThat(st).isNotNull();
        }
        List<Long> ids = idsInDatabase();
        awaitExactlyOnce(ids);
    }

    protected void awaitExactlyOnce(List<Long> ids) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
            assertThat(counts.keySet()).containsExactlyElementsOf(ids);
        });
        Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
        assertThat(counts.values()).as("no id published twice").allMatch(n -> n == 1);
    }

    protected List<Long> idsInDatabase() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM livedb ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Inserts rows in the caller's transaction; returns the last id. */
    static long insert(Connection c, int rows) throws SQLException {
        long last = -1;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            for (int i = 0; i < rows; i++) {
                ps.setString(1, "Org " + i);
                ps.setBigDecimal(2, BigDecimal.valueOf(100 + i, 2));
                ps.setString(3, "eu-west");
                ps.setObject(4, OffsetDateTime.now());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    last = keys.getLong(1);
                }
            }
        }
        return last;
    }
}
