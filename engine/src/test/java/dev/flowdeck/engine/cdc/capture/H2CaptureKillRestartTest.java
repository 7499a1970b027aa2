package dev.flowdeck.engine.cdc.capture;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.testing.ChildJvm;
import dev.flowdeck.infra.EmbeddedKafka;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the process capturing an H2 table, first in the middle of its snapshot, then at random moments while
 * the table is updated, inserted into and deleted from; then restart: every committed change is in Kafka exactly once,
 * in order per key, and the snapshot's {@code r} events appear once. The broker and the H2 database (through its TCP
 * server, so that the triggers run here) live in this JVM; the capture in a child JVM that is killed.
 */
class H2CaptureKillRestartTest {
    private static final int ROWS = 40_000;
    private static EmbeddedKafka broker;
    private static KafkaSettings kafka;
    private static Server h2;

    @BeforeAll
    static void start(@TempDir Path dir) throws SQLException {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir.resolve("kafka")));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    }

    @AfterAll
    static void stop() {
        h2.stop();
        broker.close();
    }

    @Test
    void killedDuringSnapshotAndStreamingThenRestartedLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
        DbSettings settings = new DbSettings("jdbc:h2:tcp://localhost:" + h2.getPort() + "/" + dir.resolve("livedb").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", "flowdeck", "");
        Database db = Database.connect(settings);
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL, version INT NOT NULL)",
                "INSERT INTO orders SELECT \"X\", 'new', 0 FROM SYSTEM_RANGE(1, " + ROWS + ")");
        String topic = "kill.public.orders";
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong nextId = new AtomicLong(ROWS);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random random = new Random(3);
            try (Connection c = db.open()) {
                c.setAutoCommit(false);
                while (writing.get()) {
                    for (int i = 0; i < 10; i++) {
                        writeOne(c, random, nextId);
                    }
                    c.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Random random = new Random(11);
        int readsAfterSnapshotKill = -1;
        for (int round = 0; round < 4; round++) {
            ChildJvm.killAfter(startChild(settings, dir), round == 0 ? 0 : 1_500 + random.nextInt(3_000));
            if (round == 0) {
                readsAfterSnapshotKill = ChangeReplay.of(kafka, topic).reads;
            }
        }
        Process drain = startChild(settings, dir);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(ChangeReplay.of(kafka, topic).updates).isGreaterThan(100));
            writing.set(false);
            writer.get();
            Map<String, Long> expected = versions(db);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(ChangeReplay.of(kafka, topic).finalVersions).isEqualTo(expected));
        } finally {
            writing.set(false);
            drain.destroyForcibly();
            drain.waitFor(30, TimeUnit.SECONDS);
        }
        ChangeReplay replay = ChangeReplay.of(kafka, topic);
        assertThat(readsAfterSnapshotKill).as("a snapshot killed half-way publishes nothing").isZero();
        assertThat(replay.problems).as("no change lost or published twice across kills").isEmpty();
        assertThat(replay.reads).as("one whole snapshot").isGreaterThanOrEqualTo(ROWS);
        assertThat(replay.updates).isGreaterThan(0);
        assertThat(replay.creates).isGreaterThan(0);
        assertThat(replay.deletes).isGreaterThan(0);
    }

    /** An update (version + 1) of a random row, an insert or a delete. */
    private static void writeOne(Connection c, Random random, AtomicLong nextId) throws SQLException {
        int kind = random.nextInt(10);
        long id = 1 + random.nextInt(ROWS);
        String sql = kind < 7 ? "UPDATE orders SET status = 's" + random.nextInt(5) + "', version = version + 1 WHERE id = ?"
                : kind < 9 ? "INSERT INTO orders VALUES (?, 'new', 0)" : "DELETE FROM orders WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, kind >= 7 && kind < 9 ? nextId.incrementAndGet() : id);
            ps.executeUpdate();
        }
    }

    private static Map<String, Long> versions(Database db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, version FROM orders")) {
            while (rs.next()) {
                out.put(String.valueOf(new TreeMap<>(Map.of("id", rs.getLong(1)))), rs.getLong(2));
            }
        }
        return out;
    }

    private Process startChild(DbSettings settings, Path dir) throws Exception {
        return ChildJvm.start(H2CaptureChild.class, Map.of(), kafka.bootstrapServers(), settings.jdbcUrl(),
                "public.orders", "kill", dir.resolve("capture").toString());
    }
}
