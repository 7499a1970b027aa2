package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.testing.ChildJvm;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TestDatabases;
import dev.flowdeck.engine.testing.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the process that writes and publishes, at random moments, then restart: every committed row is in
 * Kafka exactly once. The broker lives in this JVM; the writer and poller in a child JVM that is killed.
 */
class CdcKillRestartTest extends SharedBroker {

    @Test
    void killedAndRestartedOnH2(@TempDir Path dir) throws Exception {
        killRestartAndVerify(TestDatabases.h2(dir), "kill-h2");
    }

    @Test
    void killedAndRestartedOnPostgres() throws Exception {
        DbSettings pg = TestDatabases.freshPostgresSchema();
        try {
            killRestartAndVerify(pg, "kill-pg");
        } finally {
            TestDatabases.dropPostgresSchema(pg);
        }
    }

    private void killRestartAndVerify(DbSettings db, String topic) throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            Process child = startChild(db, topic, "write");
            try {
                long killAfterMs = 300 + random.nextInt(1_500);
                assertThat(child.waitFor(killAfterMs, TimeUnit.MILLISECONDS)).as("child still running").isFalse();
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        List<Long> ids = ids(db);
        assertThat(ids).as("rows written by the killed children").hasSizeGreaterThan(500);

        Process drain = startChild(db, topic, "drain");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(TopicContents.countsById(kafka, topic).keySet()).containsExactlyElementsOf(ids));
        } finally {
            drain.destroyForcibly();
            drain.waitFor(30, TimeUnit.SECONDS);
        }
        Map<Long, Integer> counts = TopicContents.countsById(kafka, topic);
        assertThat(counts.values()).as("no row published twice across kills").allMatch(n -> n == 1);
    }

    private Process startChild(DbSettings db, String topic, String mode) throws Exception {
        return ChildJvm.start(CdcChild.class, Map.of("CDC_CHILD_PASSWORD", db.password()), kafka.bootstrapServers(),
                db.jdbcUrl(), db.user(), topic, mode);
    }

    private static List<Long> ids(DbSettings settings) throws Exception {
        Database db = Database.connect(settings);
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM livedb ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
