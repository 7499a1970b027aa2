package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.source.SeedRow;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The processor on a real broker and database, end to end: rows written by the burst writer, published by the CDC
 * poller, processed by Kafka Streams under exactly_once_v2 with a stop and restart in the middle of the stream.
 */
class StreamProcessorTest extends SharedBroker {
    private static final BigDecimal THRESHOLD = new BigDecimal("500.00");
    static final long WINDOW_MS = 1_000;

    @TempDir
    static Path dir;

    @Test
    void onH2AggregatesEqualGroupByAndAlertsAreExactlyOnceAcrossARestart() throws Exception {
        DbSettings h2 = TestDatabases.h2(dir.resolve("h2"));
        runAcrossARestart("h2", Database.connect(h2), 2, StateStoreKind.ROCKSDB);
    }

    @Test
    void withMemoryStoresOnH2AggregatesEqualGroupByAndAlertsAreExactlyOnceAcrossARestart() throws Exception {
        DbSettings h2 = TestDatabases.h2(dir.resolve("h2-memory"));
        runAcrossARestart("h2mem", Database.connect(h2), 1, StateStoreKind.MEMORY);
    }

    @Test
    void onPostgresAggregatesEqualGroupByAndAlertsAreExactlyOnceAcrossARestart() throws Exception {
        DbSettings pg = TestDatabases.freshPostgresSchema();
        try {
            runAcrossARestart("pg", Database.connect(pg), 1, StateStoreKind.ROCKSDB);
        } finally {
            TestDatabases.dropPostgresSchema(pg);
        }
    }

    /**
     * @param threadsAfterRestart stream threads set while running after the restart (a live change: a rebalance mid-stream)
     * @param stores              where the state stores keep their data; RocksDB stores must resume from the state folder
     */
    private void runAcrossARestart(String name, Database db, int threadsAfterRestart, StateStoreKind stores) throws Exception {
        PipelineSettings pipelineSettings = new PipelineSettings().topic("events_" + name).partitions(3)
                .rowsPerBurst(40).burstIntervalMs(20).pollIntervalMs(50);
        ProcessorSettings settings = new ProcessorSettings().sourceTopic(pipelineSettings.topic())
                .aggregatesTopic("aggregates_" + name).alertsTopic("alerts_" + name).anomaliesTopic("anomalies_" + name)
                .applicationId("processor-test-" + name).streamThreads(1).commitIntervalMs(100)
                .window(Duration.ofMillis(WINDOW_MS)).grace(Duration.ofSeconds(30)).alertAmount(THRESHOLD).stateStore(stores);
        try (Pipeline pipeline = new Pipeline(db, kafka, pipelineSettings, seed())) {
            StreamProcessor processor = pipeline.add(new ProcessorPart(settings, dir.resolve("state-" + name)));
            dev.flowdeck.engine.cdc.CdcPoller.ensureTopics(kafka, pipelineSettings);
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(90))).as(processor.status().message()).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains("flowdeck-stream-processor", StreamsProperties.CLIENT_ID + "-StreamThread-1");

            // Mid-stream: the writer keeps writing while the processor stops and starts again.
            String changelogTopic = settings.effectiveApplicationId() + "-" + PartialAggregator.STORE + "-changelog";
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.stats().eventsProcessed() > 1_500);
            // the Processor page shows a lag for every active task (it showed "?" for tasks that had not committed)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processor.insight().threads())
                    .flatExtracting(ProcessorInsight.StreamThread::tasks)
                    .filteredOn(ProcessorInsight.Task::active)
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(task -> assertThat(task.lag()).as("lag of task " + task.id()).isNotNegative()));
            // Enough state that replaying it or not shows (each commit logs the parts it changed).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> records(changelogTopic) > 200);
            processor.stop();
            assertThat(processor.status().state()).isEqualTo(StageState.STOPPED);
            Path appState = dir.resolve("state-" + name).resolve(settings.effectiveApplicationId());
            long changelog = records(changelogTopic);
            if (stores == StateStoreKind.ROCKSDB) {
                for (int task = 0; task < 3; task++) {
                    assertThat(appState.resolve("0_" + task).resolve("rocksdb").resolve(PartialAggregator.STORE).resolve("CURRENT"))
                            .as("task 0_" + task + " keeps its store in the state folder").isRegularFile();
                }
            } else {
                assertThat(appState.resolve("0_0").resolve("rocksdb")).doesNotExist();
            }
            long restoredBefore = processor.stats().restoredRecords();
            long writtenAtStop = pipeline.metrics().counters(Pipeline.WRITER).items();
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.metrics().counters(Pipeline.WRITER).items() > writtenAtStop + 1_000);
            processor.start();
            assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(90))).as(processor.status().message()).isTrue();
            long restored = processor.stats().restoredRecords() - restoredBefore;
            if (stores == StateStoreKind.ROCKSDB) {
                assertThat(restored).as("resumed from the stores in the state folder, not the whole changelog (%d records)", changelog)
                        .isLessThan(changelog / 10);
            } else {
                assertThat(restored).as("memory stores rebuilt from the changelog (%d records)", changelog).isGreaterThan(changelog / 2);
            }
            settings.streamThreads(threadsAfterRestart);
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.stats().streamThreads() == threadsAfterRestart);
            long processedAtRestart = processor.stats().eventsProcessed();
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.stats().eventsProcessed() > processedAtRestart + 1_000);

            pipeline.writer().stop();
            long rows = count(db, "SELECT COUNT(*) FROM livedb");
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= rows);
            assertThat(processor.drain(Duration.ofSeconds(90))).as("drained: " + processor.status().message()).isTrue();

            assertAggregatesEqualGroupBy(db, "region", rows);
            assertAggregatesEqualGroupBy(db, "org", rows);

            List<Alert> alerts = readAll(settings.alertsTopic(), Alert.class);
            Set<String> keys = new HashSet<>();
            alerts.forEach(a -> assertThat(keys.add(a.key())).as("alert raised twice: " + a.key()).isTrue());
            Set<Long> alerted = new HashSet<>();
            alerts.stream().filter(a -> a.rule().equals(Alert.AMOUNT_ABOVE)).forEach(a -> alerted.add(a.eventId()));
            assertThat(alerted).isEqualTo(ids(db, "SELECT id FROM livedb WHERE amount > " + THRESHOLD.toPlainString()));
            assertThat(alerted).isNotEmpty();
            assertThat(processor.stats().alerts()).as("alerts counted once each").isEqualTo(alerts.size());
            assertThat(processor.feed().recentAlerts()).isNotEmpty();
            assertThat(processor.feed().latestByRegion()).containsKeys("eu-west", "us-east", "ap-south");
            assertThat(processor.stats().droppedRecords()).isZero();
            assertThat(processor.stats().lateEvents()).isZero();
            // the lag is read from the consumers' metrics once a second: the next reading after the drain says 0
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processor.stats().lag()).isZero());
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith(StreamsProperties.CLIENT_ID));
    }

    /**
     * Two instances of the same application (two {@code flowdeck worker}s) share the partitions and both run a sink
     * into one PostgreSQL database; one stops mid-stream and hands its tasks to the other. The aggregates still equal
     * the GROUP BY: neither the concurrent sinks nor the handover lose, double or regress a window.
     */
    @Test
    void twoInstancesShareThePartitionsAndOneLeavingHandsItsTasksOver() throws Exception {
        // a schema of its own: another run of this test on the same database must not share its tables
        Database db = Database.connect(TestDatabases.freshPostgresSchema());
        PipelineSettings pipelineSettings = new PipelineSettings().topic("events_two").partitions(4)
                .rowsPerBurst(40).burstIntervalMs(20).pollIntervalMs(50);
        ProcessorSettings settings = new ProcessorSettings().sourceTopic(pipelineSettings.topic())
                .aggregatesTopic("aggregates_two").alertsTopic("alerts_two").anomaliesTopic("anomalies_two")
                .applicationId("processor-test-two").streamThreads(1).commitIntervalMs(100)
                .window(Duration.ofMillis(WINDOW_MS)).grace(Duration.ofSeconds(30)).alertAmount(THRESHOLD);
        try (Pipeline pipeline = new Pipeline(db, kafka, pipelineSettings, seed())) {
            StreamProcessor first = pipeline.add(new ProcessorPart(settings, dir.resolve("state-two-a")));
            StreamProcessor second = new StreamProcessor(db, kafka, settings, new dev.flowdeck.engine.metrics.PipelineMetrics(),
                    dir.resolve("state-two-b"));
            dev.flowdeck.engine.cdc.CdcPoller.ensureTopics(kafka, pipelineSettings);
            second.start();
            try {
                pipeline.startAllWhenReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(90)).until(() -> first.stats().eventsProcessed() > 500 && second.stats().eventsProcessed() > 500);
                long secondBefore = second.stats().eventsProcessed();
                first.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> second.stats().eventsProcessed() > secondBefore + 3_000);

                pipeline.writer().stop();
                long rows = count(db, "SELECT COUNT(*) FROM livedb");
                await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= rows);
                assertThat(second.drain(Duration.ofSeconds(90))).as("drained: " + second.status().message()).isTrue();
                assertThat(first.stats().eventsProcessed() + second.stats().eventsProcessed()).isGreaterThanOrEqualTo(rows);
                assertAggregatesEqualGroupBy(db, "region", rows);
                assertAggregatesEqualGroupBy(db, "org", rows);
            } finally {
                second.stop();
            }
        }
    }

    /** A stream thread dies mid-transaction (as in a crash): its work is aborted, redone, and counted once. */
    @Test
    void aStreamThreadDyingMidTransactionChangesNoResult() throws Exception {
        DbSettings h2 = TestDatabases.h2(dir.resolve("h2-fault"));
        Database db = Database.connect(h2);
        PipelineSettings pipelineSettings = new PipelineSettings().topic("events_fault").partitions(3)
                .rowsPerBurst(40).burstIntervalMs(20).pollIntervalMs(50);
        ProcessorSettings settings = new ProcessorSettings().sourceTopic(pipelineSettings.topic())
                .aggregatesTopic("aggregates_fault").alertsTopic("alerts_fault").anomaliesTopic("anomalies_fault")
                .applicationId("processor-test-fault").streamThreads(1).commitIntervalMs(500)
                .window(Duration.ofMillis(WINDOW_MS)).grace(Duration.ofSeconds(30)).alertAmount(THRESHOLD);
        try (Pipeline pipeline = new Pipeline(db, kafka, pipelineSettings, seed())) {
            StreamProcessor processor = pipeline.add(new ProcessorPart(settings, dir.resolve("state-fault")));
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
            processor.injectFault(e -> seen.incrementAndGet() > 1_500);
            dev.flowdeck.engine.cdc.CdcPoller.ensureTopics(kafka, pipelineSettings);
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(90)).until(() -> processor.status().message().contains("was replaced"));
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.stats().eventsProcessed() > 4_000);

            pipeline.writer().stop();
            long rows = count(db, "SELECT COUNT(*) FROM livedb");
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= rows);
            assertThat(processor.drain(Duration.ofSeconds(90))).as("drained: " + processor.status().message()).isTrue();

            assertAggregatesEqualGroupBy(db, "region", rows);
            assertAggregatesEqualGroupBy(db, "org", rows);
            List<Alert> alerts = readAll(settings.alertsTopic(), Alert.class);
            assertThat(alerts).extracting(Alert::key).doesNotHaveDuplicates();
            assertThat(alerts.stream().filter(a -> a.rule().equals(Alert.AMOUNT_ABOVE)).map(Alert::eventId).toList())
                    .containsExactlyInAnyOrderElementsOf(ids(db, "SELECT id FROM livedb WHERE amount > " + THRESHOLD.toPlainString()));
            assertThat(processor.stats().eventsProcessed()).as("the aborted events were processed again").isGreaterThan(rows);
        }
    }

    @Test
    void itWaitsForTheSourceTopicThenRuns() throws Exception {
        Database db = Database.connect(new DbSettings("jdbc:h2:mem:wait;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", ""));
        ProcessorSettings settings = new ProcessorSettings().sourceTopic("events_later").aggregatesTopic("aggregates_later")
                .alertsTopic("alerts_later").anomaliesTopic("anomalies_later").applicationId("processor-test-later")
                .commitIntervalMs(100);
        StreamProcessor processor = new StreamProcessor(db, kafka, settings, new dev.flowdeck.engine.metrics.PipelineMetrics(),
                dir.resolve("state-later"));
        processor.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> processor.status().message().contains("waiting for the topic events_later"));
            assertThat(processor.status().state()).isEqualTo(StageState.DEGRADED);
            dev.flowdeck.engine.cdc.CdcPoller.ensureTopics(kafka, new PipelineSettings().topic("events_later").partitions(2));
            assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(60))).as(processor.status().message()).isTrue();
            assertThat(processor.status().message()).contains("exactly_once_v2");
        } finally {
            processor.stop();
        }
    }

    /**
     * A backlog, a pause in the data longer than the grace period, then more data, all processed at once: partitions
     * are processed at different speeds, yet no event may be dropped as late.
     */
    @Test
    void aBacklogWithAGapLongerThanTheGraceIsCaughtUpWithoutLosingAnEvent() throws Exception {
        DbSettings h2 = TestDatabases.h2(dir.resolve("h2-gap"));
        Database db = Database.connect(h2);
        PipelineSettings pipelineSettings = new PipelineSettings().topic("events_gap").partitions(3)
                .rowsPerBurst(200).burstIntervalMs(10).pollIntervalMs(50);
        ProcessorSettings settings = new ProcessorSettings().sourceTopic(pipelineSettings.topic())
                .aggregatesTopic("aggregates_gap").alertsTopic("alerts_gap").anomaliesTopic("anomalies_gap")
                .applicationId("processor-test-gap").streamThreads(2).commitIntervalMs(100)
                .window(Duration.ofMillis(WINDOW_MS)).grace(Duration.ofMillis(500)).alertAmount(THRESHOLD);
        try (Pipeline pipeline = new Pipeline(db, kafka, pipelineSettings, seed())) {
            dev.flowdeck.engine.cdc.CdcPoller.ensureTopics(kafka, pipelineSettings);
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() > 20_000);
            pipeline.writer().stop();
            long firstBatch = pipeline.metrics().counters(Pipeline.WRITER).items();
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true); // the gap
            pipeline.writer().start();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.WRITER).items() > firstBatch + 20_000);
            pipeline.writer().stop();
            long rows = count(db, "SELECT COUNT(*) FROM livedb");
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= rows);

            StreamProcessor processor = new StreamProcessor(db, kafka, settings, pipeline.metrics(), dir.resolve("state-gap"));
            processor.start();
            try {
                assertThat(processor.drain(Duration.ofSeconds(120))).as("drained: " + processor.status().message()).isTrue();
                assertThat(processor.stats().eventsProcessed()).isEqualTo(rows);
                assertThat(processor.stats().lateEvents()).isZero();
                assertAggregatesEqualGroupBy(db, "region", rows);
                assertAggregatesEqualGroupBy(db, "org", rows);
            } finally {
                processor.stop();
            }
        }
    }

    static void assertAggregatesEqualGroupBy(Database db, String dimension, long rows) throws Exception {
        String column = dimension.equals("org") ? "org" : "region";
        String groupBy = "SELECT w, k, COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM ("
                + " SELECT CAST(FLOOR(EXTRACT(EPOCH FROM created_at) * 1000 / " + WINDOW_MS + ") AS BIGINT) * " + WINDOW_MS
                + " AS w, " + column + " AS k, amount FROM livedb) t GROUP BY w, k";
        Map<String, Object[]> expected = new HashMap<>();
        long total = 0;
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(groupBy)) {
            while (rs.next()) {
                expected.put(rs.getLong(1) + "/" + rs.getString(2), new Object[] {rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)});
                total += rs.getLong(3);
            }
        }
        assertThat(total).isEqualTo(rows);
        Map<String, Object[]> actual = new HashMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT window_start, dim_key, event_count, amount_sum, amount_avg, amount_min, amount_max, events_per_s"
                        + " FROM livedb_aggregates WHERE window_ms = " + WINDOW_MS + " AND dimension = '" + dimension + "'")) {
            while (rs.next()) {
                long start = rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
                actual.put(start + "/" + rs.getString(2), new Object[] {rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)});
                assertThat(rs.getDouble(8)).isCloseTo(rs.getLong(3) * 1000.0 / WINDOW_MS, within(1e-9));
            }
        }
        assertThat(actual.keySet()).as(dimension + " windows").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, e) -> {
            Object[] a = actual.get(key);
            assertThat(a[0]).as(dimension + " " + key + " count").isEqualTo(e[0]);
            assertThat((BigDecimal) a[1]).as(key + " sum").isEqualByComparingTo((BigDecimal) e[1]);
            assertThat(((BigDecimal) a[2]).doubleValue()).as(key + " avg").isCloseTo(((BigDecimal) e[2]).doubleValue(), within(1e-6));
            assertThat((BigDecimal) a[3]).as(key + " min").isEqualByComparingTo((BigDecimal) e[3]);
            assertThat((BigDecimal) a[4]).as(key + " max").isEqualByComparingTo((BigDecimal) e[4]);
        });
    }

    private static <T> List<T> readAll(String topic, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(kafka, "test-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(ProcessorJson.read(r.value(), type));
                }
            }
        }
        return out;
    }

    /** Records in a topic (end minus beginning offsets, transaction markers included). */
    private static long records(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(kafka, "test-counter"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<Long> ids(Database db, String sql) throws Exception {
        Set<Long> out = new HashSet<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** 40 rows over three regions and four organisations; four of them above the alert threshold. */
    static List<SeedRow> seed() {
        String[] regions = {"eu-west", "us-east", "ap-south"};
        String[] orgs = {"Acme", "Globex", "Initech", "Umbrella"};
        List<SeedRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigDecimal amount = i % 10 == 3 ? new BigDecimal("1234.56").add(BigDecimal.valueOf(i))
                    : BigDecimal.valueOf(100 + i * 977L % 40_000, 2);
            rows.add(new SeedRow(orgs[i % orgs.length], amount, regions[i % regions.length]));
        }
        return rows;
    }
}
