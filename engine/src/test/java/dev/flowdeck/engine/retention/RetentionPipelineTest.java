package dev.flowdeck.engine.retention;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.source.SeedRow;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TestDatabases;
import dev.flowdeck.engine.testing.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention inside a running pipeline, on a real broker and H2: it trims published rows only, publishes nothing
 * for them, and a pipeline started again after trimming carries on exactly once.
 */
class RetentionPipelineTest extends SharedBroker {
    private static final long KEEP = 1_000;

    @TempDir
    static Path dir;

    @Test
    void trimsPublishedRowsPublishesNoDeleteAndResumesExactlyOnceAfterARestart() throws Exception {
        Database db = Database.connect(TestDatabases.h2(dir.resolve("h2")));
        PipelineSettings settings = new PipelineSettings().topic("retention-events").partitions(3)
                .rowsPerBurst(100).burstIntervalMs(50).pollIntervalMs(50);
        settings.retention().maxAge(Duration.ZERO).maxRows(KEEP);

        long firstRun = runUntilTrimmed(db, settings);
        assertThat(rows(db)).as("livedb after the first run").isBetween(KEEP, KEEP + LivedbTrim.BATCH + 4_000);

        long secondRun;
        try (Pipeline pipeline = new Pipeline(db, kafka, settings, seed())) {
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.WRITER).items() > 2_000);
            pipeline.writer().stop();
            secondRun = pipeline.metrics().counters(Pipeline.WRITER).items();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= secondRun);
        }

        Map<Long, Integer> counts = TopicContents.countsById(kafka, settings.topic());
        assertThat(counts).as("every row written, across both runs").hasSize((int) (firstRun + secondRun));
        assertThat(counts.values()).as("no row published twice").allMatch(n -> n == 1);
        assertThat(TopicContents.countsByOp(kafka, settings.topic())).as("only inserts: trimming published nothing")
                .containsOnlyKeys(ChangeEvent.CREATE);
        assertThat(counts.keySet()).as("the rows still in livedb are among the published ones").containsAll(ids(db));
    }

    /** Writes until the retention has trimmed at least a batch, then stops; returns the rows written. */
    private static long runUntilTrimmed(Database db, PipelineSettings settings) throws Exception {
        try (Pipeline pipeline = new Pipeline(db, kafka, settings, seed())) {
            pipeline.startAllWhenReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.metrics().counters(Pipeline.RETENTION).items() >= LivedbTrim.BATCH);
            Retention retention = (Retention) pipeline.stages().stream().filter(s -> s.id().equals(Retention.ID)).findFirst().orElseThrow();
            assertThat(retention.status().state()).isEqualTo(StageState.RUNNING);
            assertThat(retention.status().message()).contains("1,000 rows");
            pipeline.writer().stop();
            long written = pipeline.metrics().counters(Pipeline.WRITER).items();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.metrics().counters(Pipeline.POLLER).items() >= written);
            return written;
        }
    }

    private static long rows(Database db) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM livedb")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> ids(Database db) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM livedb")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static List<SeedRow> seed() {
        return List.of(new SeedRow("Acme", new BigDecimal("12.50"), "eu-west"), new SeedRow("Globex", new BigDecimal("99.00"), "us-east"));
    }
}
