package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.config.ResetChoice;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CDC's identity is the database's, not the URL's: a source reset under it (ids restarted, a database made anew
 * behind the same URL) is never published from the old watermark silently, and an explicit id far above the sequence
 * does not hide the rows the sequence hands out later. Run once per database.
 */
abstract class CdcSourceResetContract extends SharedBroker {

    private final List<CdcPoller> pollers = new ArrayList<>();
    protected DbSettings settings;
    protected Database db;
    protected String topic;

    protected abstract DbSettings freshDatabase(Path dir);

    /** Drops the database (or its folder) and makes an empty one behind the same settings. */
    protected abstract void recreate(DbSettings settings) throws Exception;

    protected void dispose(DbSettings settings) {
    }

    @AfterEach
    void stopPollers() {
        pollers.forEach(CdcPoller::stop);
        if (settings != null) {
            dispose(settings);
        }
    }

    CdcPoller startPoller(ResetChoice onReset) {
        db = Database.connect(settings);
        CdcPoller poller = new CdcPoller(db, kafka, new PipelineSettings().topic(topic).partitions(2).pollIntervalMs(20)
                .pollBatchSize(500).onReset(onReset), new StageCounters("poller"), new LatencyRecorder());
        pollers.add(poller);
        poller.start();
        return poller;
    }

    CdcPoller startRunning() throws InterruptedException {
        CdcPoller poller = startPoller(ResetChoice.ASK);
        assertThat(poller.awaitState(StageState.RUNNING, Duration.ofSeconds(60))).as("poller running: %s", poller.status()).isTrue();
        return poller;
    }

    void begin(Path dir, String name) {
        settings = freshDatabase(dir);
        topic = "reset-" + name + "-" + System.nanoTime();
    }

    long insert(int rows) throws Exception {
        try (Connection c = db.open()) {
            return db.write(c, conn -> CdcDeliveryContract.insert(conn, rows));
        }
    }

    void sql(String statement) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    void awaitPublished(CdcPoller poller, long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> poller.offsetState().isPublished(id));
    }

    @Test
    void truncateWithRestartIdentityStopsWithAChoiceAndReSnapshotPublishesTheNewRows(@TempDir Path dir) throws Exception {
        begin(dir, "truncate");
        CdcPoller poller = startRunning();
        awaitPublished(poller, insert(20));
        sql("TRUNCATE TABLE livedb RESTART IDENTITY");
        long last = insert(5);
        assertThat(last).as("the ids start again").isEqualTo(5);

        await().atMost(Duration.ofSeconds(30)).until(() -> poller.pendingReset().isPresent());
        assertThat(poller.status().state()).isEqualTo(StageState.FAILED);
        assertThat(poller.pendingReset().orElseThrow()).contains("RESTART IDENTITY").contains("re-snapshot").contains("resume");

        poller.resolveReset(ResetChoice.RESNAPSHOT);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
            for (long id = 1; id <= 5; id++) {
                assertThat(counts.get(id)).as("id %d: once before the truncate, once after", id).isEqualTo(2);
            }
        });
        assertThat(poller.status().state()).isEqualTo(StageState.RUNNING);
        assertThat(poller.pendingReset()).isEmpty();
    }

    @Test
    void aDatabaseMadeAnewBehindTheSameUrlIsNotPublishedFromTheOldWatermark(@TempDir Path dir) throws Exception {
        begin(dir, "recreated");
        CdcPoller first = startRunning();
        awaitPublished(first, insert(30));
        first.stop();
        db = null;
        recreate(settings);

        CdcPoller second = startPoller(ResetChoice.RESUME);
        assertThat(second.awaitState(StageState.RUNNING, Duration.ofSeconds(60))).as("%s", second.status()).isTrue();
        assertThat(second.connector()).as("a new database is a new source").isNotEqualTo(first.connector());
        long last = insert(10);
        awaitPublished(second, last);
        Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
        for (long id = 1; id <= 10; id++) {
            assertThat(counts.get(id)).as("id %d: the new table's row is published too", id).isEqualTo(2);
        }
    }

    @Test
    void aDatabaseMadeAnewStopsWithAMessageWhenNoChoiceIsGiven(@TempDir Path dir) throws Exception {
        begin(dir, "ask");
        CdcPoller first = startRunning();
        awaitPublished(first, insert(10));
        first.stop();
        recreate(settings);
        CdcPoller second = startPoller(ResetChoice.ASK);
        await().atMost(Duration.ofSeconds(60)).until(() -> second.pendingReset().isPresent());
        assertThat(second.pendingReset().orElseThrow()).contains("another database").contains(topic).contains("--on-reset");
        second.resolveReset(ResetChoice.RESUME);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.status().state() == StageState.RUNNING);
    }

    @Test
    void anExplicitIdFarAboveTheSequenceDoesNotHideLaterRows(@TempDir Path dir) throws Exception {
        begin(dir, "explicit");
        CdcPoller poller = startRunning();
        awaitPublished(poller, insert(10));
        sql("INSERT INTO livedb (id, org, amount, region) VALUES (100000000, 'far', 1, 'eu-west')");
        awaitPublished(poller, 100_000_000);
        List<Long> later = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long last = insert(10);
            later.add(last);
            awaitPublished(poller, last);
        }
        Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
        assertThat(counts).hasSize(61);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(poller.offsetState().watermark()).as("the watermark stays below what the sequence still hands out")
                .isLessThan(100_000_000);
    }
}
