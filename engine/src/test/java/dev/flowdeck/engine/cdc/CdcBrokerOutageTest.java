package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.source.BurstWriter;
import dev.flowdeck.engine.source.SeedRow;
import dev.flowdeck.engine.testing.TestDatabases;
import dev.flowdeck.engine.testing.TopicContents;
import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker goes away while rows keep coming: the poller pauses with a clear state and resumes by itself. */
class CdcBrokerOutageTest {

    @Test
    void pollerPausesDuringABrokerOutageAndResumesWithoutLossOrDuplicates(@TempDir Path dir) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir.resolve("kafka")));
        EmbeddedKafka.Options sameBroker = broker.options();
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        Database db = Database.connect(TestDatabases.h2(dir));
        PipelineSettings settings = new PipelineSettings().topic("outage").pollIntervalMs(20).rowsPerBurst(50).burstIntervalMs(20);
        StageCounters written = new StageCounters("writer");
        StageCounters published = new StageCounters("poller");
        CdcPoller poller = new CdcPoller(db, kafka, settings, published, new LatencyRecorder());
        BurstWriter writer = new BurstWriter(db, settings, List.of(new SeedRow("Acme", new BigDecimal("10.00"), "eu-west")),
                written, poller::wake, () -> 0);
        try {
            poller.start();
            writer.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> published.items() > 500);

            broker.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> poller.status().state() == StageState.DEGRADED);
            assertThat(poller.status().message()).contains("Kafka at " + kafka.bootstrapServers(), "resumes by itself");
            long publishedAtOutage = published.items();
            long writtenAtOutage = written.items();
            await().atMost(Duration.ofSeconds(30)).until(() -> written.items() > writtenAtOutage + 1_000);
            assertThat(published.items()).as("nothing is published while the broker is down").isEqualTo(publishedAtOutage);

            broker = EmbeddedKafka.start(sameBroker);
            await().atMost(Duration.ofSeconds(90)).until(() -> poller.status().state() == StageState.RUNNING);
            writer.stop();
            List<Long> ids = ids(db);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(TopicContents.countsById(kafka, "outage").keySet()).containsExactlyElementsOf(ids));
            Map<Long, Integer> counts = TopicContents.countsById(kafka, "outage");
            List<Long> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertThat(twice).as("ids published more than once (%d published before the outage): %s", publishedAtOutage,
                    twice.isEmpty() ? "" : TopicContents.whereAre(kafka, "outage", twice.subList(0, Math.min(5, twice.size())))).isEmpty();
        } finally {
            writer.stop();
            poller.stop();
            broker.close();
        }
    }

    private static List<Long> ids(Database db) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM livedb ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
