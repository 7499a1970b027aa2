package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TestDatabases;
import dev.flowdeck.engine.testing.TopicContents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention with the processor running: rows and windows two hours old go (a one-hour retention), and the windows
 * inside the retention keep exactly the totals of their rows, as if nothing had been trimmed.
 */
class ProcessorRetentionTest extends SharedBroker {
    private static final int OLD_ROWS = 600;

    @TempDir
    static Path dir;

    @Test
    void trimmingLeavesTheWindowsInsideTheRetentionAsTheyWere() throws Exception {
        Database db = Database.connect(TestDatabases.h2(dir.resolve("h2")));
        insertOldRows(db, Instant.now().minus(Duration.ofHours(2)));
        PipelineSettings pipelineSettings = new PipelineSettings().topic("events_retention").partitions(3)
                .rowsPerBurst(40).burstIntervalMs(20).pollIntervalMs(50);
        pipelineSettings.retention().maxAge(Duration.ofHours(1)).maxRows(0);
        ProcessorSettings settings = new ProcessorSettings().sourceTopic(pipelineSettings.topic())
                .aggregatesTopic("aggregates_retention").alertsTopic("alerts_retention").anomaliesTopic("anomalies_retention")
                .applicationId("processor-retention-test").commitIntervalMs(100)
                .window(Duration.ofMillis(StreamProcessorTest.WINDOW_MS)).grace(Duration.ofSeconds(5));
        try (Pipeline pipeline = new Pipeline(db, kafka, pipelineSettings, StreamProcessorTest.seed())) {
            StreamProcessor processor = pipeline.add(new ProcessorPart(settings, dir.resolve("state")));
            CdcPoller.ensureTopics(kafka, pipelineSettings);
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(90))).as(processor.status().message()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.WRITER).items() > 1_500);
            pipeline.writer().stop();
            long written = pipeline.metrics().counters(Pipeline.WRITER).items();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= OLD_ROWS + written);
            assertThat(processor.drain(Duration.ofSeconds(90))).as("drained: " + processor.status().message()).isTrue();

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(pipeline.metrics().counters(Pipeline.RETENTION).items()).as("old rows trimmed").isEqualTo(OLD_ROWS);
                assertThat(count(db, "SELECT COUNT(*) FROM livedb_aggregates WHERE window_start < CURRENT_TIMESTAMP - INTERVAL '1' HOUR"))
                        .as("windows older than the retention").isZero();
                assertThat(count(db, "SELECT COUNT(*) FROM livedb_aggregate_parts WHERE window_start < CURRENT_TIMESTAMP - INTERVAL '1' HOUR"))
                        .as("their parts").isZero();
            });
            long rows = count(db, "SELECT COUNT(*) FROM livedb");
            assertThat(rows).isEqualTo(written);
            StreamProcessorTest.assertAggregatesEqualGroupBy(db, "region", rows);
            StreamProcessorTest.assertAggregatesEqualGroupBy(db, "org", rows);
            assertThat(processor.stats().eventsProcessed()).as("trimming fed the processor nothing").isEqualTo(OLD_ROWS + written);
        }
        assertThat(TopicContents.countsByOp(kafka, pipelineSettings.topic())).as("only inserts were published")
                .containsOnlyKeys(ChangeEvent.CREATE);
        // Kafka deletes whole closed segments only: the topics roll every tenth of the age, so they keep about the age.
        try (Admin admin = KafkaClients.createAdmin(kafka, "retention-test")) {
            for (String topic : List.of(pipelineSettings.topic(), settings.aggregatesTopic(), settings.alertsTopic())) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("retention.ms").value()).as(topic).isEqualTo("3600000");
                assertThat(config.get("segment.ms").value()).as(topic).isEqualTo("360000");
            }
        }
    }

    /** Rows two hours old, ten per 100 ms of event time, through the write fence as the writer's would go. */
    private static void insertOldRows(Database db, Instant from) throws Exception {
        try (Connection c = db.open()) {
            db.write(c, conn -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < OLD_ROWS; i++) {
                        ps.setString(1, i % 2 == 0 ? "Acme" : "Globex");
                        ps.setBigDecimal(2, new BigDecimal("10.00").add(BigDecimal.valueOf(i)));
                        ps.setString(3, i % 3 == 0 ? "eu-west" : "us-east");
                        ps.setObject(4, OffsetDateTime.ofInstant(from.plusMillis(i * 10L), ZoneOffset.UTC));
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            });
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
