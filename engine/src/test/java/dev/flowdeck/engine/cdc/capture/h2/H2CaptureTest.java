package dev.flowdeck.engine.cdc.capture.h2;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.ChangeEnvelope;
import dev.flowdeck.engine.cdc.capture.ChangeOp;
import dev.flowdeck.engine.cdc.capture.TableCaptureStats;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.testing.SharedBroker;
import dev.flowdeck.engine.testing.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capture of user tables on embedded H2, against a real broker: the snapshot hand-over while the tables are being
 * written, updates and deletes in order per key, rollbacks, a restart, a column added mid-stream, livedb, bad input.
 * Every row carries a version column that each update increments, so a missed or repeated change shows as a jump or
 * a repeat in the versions a key's events carry.
 */
class H2CaptureTest extends SharedBroker {
    private static final TableId ORDERS = TableId.parse("public.orders");
    private static final TableId LINES = TableId.parse("public.order_lines");

    @TempDir
    Path dir;
    private Database db;
    private final List<H2ChangeLogCapture> captures = new ArrayList<>();

    @AfterEach
    void stopCaptures() {
        captures.forEach(H2ChangeLogCapture::stop);
    }

    private void createTables(int rows) throws SQLException {
        db = Database.connect(TestDatabases.h2(dir));
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL, amount DECIMAL(10, 2),"
                        + " version INT NOT NULL)",
                "CREATE TABLE order_lines (order_id BIGINT, line_no INT, qty INT NOT NULL, version INT NOT NULL,"
                        + " PRIMARY KEY (order_id, line_no))",
                "INSERT INTO orders SELECT \"X\", 'new', \"X\" * 1.5, 0 FROM SYSTEM_RANGE(1, " + rows + ")",
                "INSERT INTO order_lines SELECT \"X\", 1, 1, 0 FROM SYSTEM_RANGE(1, " + rows + ")");
    }

    private CaptureSettings settings(String prefix, TableId... tables) {
        return CaptureSettings.of(List.of(tables), dir).withTopicPrefix(prefix);
    }

    private H2ChangeLogCapture start(CaptureSettings settings) throws InterruptedException {
        H2ChangeLogCapture capture = new H2ChangeLogCapture(db, kafka, settings);
        captures.add(capture);
        capture.start();
        assertThat(capture.awaitState(StageState.RUNNING, Duration.ofSeconds(60))).as(capture.status().message()).isTrue();
        return capture;
    }

    @Test
    void snapshotHandsOverToTheStreamWhileWritersChangeEveryKey() throws Exception {
        createTables(3_000);
        String prefix = "t1";
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger rolledBack = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "test-writer"));
        List<Future<?>> writers = new ArrayList<>();
        AtomicInteger nextId = new AtomicInteger(1_000_000);
        for (int w = 0; w < 4; w++) {
            long seed = w;
            writers.add(pool.submit(() -> {
                Random random = new Random(seed);
                try (Connection c = db.open()) {
                    c.setAutoCommit(false);
                    while (writing.get()) {
                        mutate(c, random, nextId);
                        if (random.nextInt(6) == 0) {
                            try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET status = 'rolled-back',"
                                    + " version = version + 1 WHERE id = ?")) {
                                ps.setLong(1, 1 + random.nextInt(3_000));
                                ps.executeUpdate();
                            }
                            c.rollback();
                            rolledBack.incrementAndGet();
                        } else {
                            c.commit();
                        }
                    }
                }
                return null;
            }));
        }
        H2ChangeLogCapture capture = start(settings(prefix, ORDERS, LINES));
        await().atMost(Duration.ofSeconds(30)).until(() -> capture.tableStats().stream().mapToLong(TableCaptureStats::changes).sum() > 500);
        writing.set(false);
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();

        for (TableId t : List.of(ORDERS, LINES)) {
            Map<String, Map<String, Object>> expected = tableContents(t);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(replay(capture.settings().topicOf(t)).state).isEqualTo(expected));
            Replay replay = replay(capture.settings().topicOf(t));
            assertThat(replay.problems).as("per-key order and versions of " + t).isEmpty();
            assertThat((long) replay.snapshotRows).as("snapshot rows of " + t)
                    .isEqualTo(capture.statsOf(t).orElseThrow().snapshotRowsDone()).isGreaterThanOrEqualTo(2_000);
        }
        assertThat(rolledBack.get()).isPositive();
        assertThat(replay(capture.settings().topicOf(ORDERS)).statuses).doesNotContain("rolled-back");
        TableCaptureStats orders = capture.statsOf(ORDERS).orElseThrow();
        assertThat(orders.snapshotComplete()).isTrue();
        assertThat(orders.updates()).isPositive();
        assertThat(orders.deletes()).isPositive();
        assertThat(orders.inserts()).isPositive();
        assertThat(orders.lastLagMs()).isBetween(0L, 30_000L);
    }

    /** One random change per transaction step: an update (version + 1), an insert, or a delete of an order and its line. */
    private static void mutate(Connection c, Random random, AtomicInteger nextId) throws SQLException {
        int kind = random.nextInt(10);
        if (kind < 7) {
            long id = 1 + random.nextInt(3_000);
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET status = ?, amount = amount + 1,"
                    + " version = version + 1 WHERE id = ?");
                 PreparedStatement lines = c.prepareStatement("UPDATE order_lines SET qty = qty + 1, version = version + 1"
                         + " WHERE order_id = ?")) {
                ps.setString(1, "s" + random.nextInt(5));
                ps.setLong(2, id);
                ps.executeUpdate();
                lines.setLong(1, id);
                lines.executeUpdate();
            }
        } else if (kind < 9) {
            long id = nextId.incrementAndGet();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, 'new', 1.00, 0)");
                 PreparedStatement lines = c.prepareStatement("INSERT INTO order_lines VALUES (?, 1, 1, 0)")) {
                ps.setLong(1, id);
                ps.executeUpdate();
                lines.setLong(1, id);
                lines.executeUpdate();
            }
        } else {
            long id = 1 + random.nextInt(3_000);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE id = ?");
                 PreparedStatement lines = c.prepareStatement("DELETE FROM order_lines WHERE order_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
                lines.setLong(1, id);
                lines.executeUpdate();
            }
        }
    }

    @Test
    void restartResumesWithoutASecondSnapshotAndAddedColumnsAppear() throws Exception {
        createTables(100);
        CaptureSettings settings = settings("t2", ORDERS);
        H2ChangeLogCapture first = start(settings);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.statsOf(ORDERS).orElseThrow().snapshotComplete());
        update("UPDATE orders SET status = 'paid', version = version + 1 WHERE id <= 10");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.statsOf(ORDERS).orElseThrow().updates() == 10);
        first.stop();

        // written while nothing captures: the trigger keeps them in the change log
        update("UPDATE orders SET status = 'shipped', version = version + 1 WHERE id <= 5");
        update("DELETE FROM orders WHERE id = 100");
        update("ALTER TABLE orders ADD COLUMN note VARCHAR(40)");
        H2ChangeLogCapture second = start(settings);
        update("UPDATE orders SET note = 'gift', version = version + 1 WHERE id = 7");
        update("INSERT INTO orders (id, status, amount, version, note) VALUES (500, 'new', 2.00, 0, 'fresh')");

        Map<String, Map<String, Object>> expected = tableContents(ORDERS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(replay(settings.topicOf(ORDERS)).state).isEqualTo(expected));
        Replay replay = replay(settings.topicOf(ORDERS));
        assertThat(replay.problems).isEmpty();
        assertThat(replay.snapshotRows).as("the second run resumes, it does not snapshot again").isEqualTo(100);
        assertThat(replay.state.get("{\"id\":7}")).containsEntry("note", "gift");
        assertThat(replay.state.get("{\"id\":500}")).containsEntry("note", "fresh");
        assertThat(second.statsOf(ORDERS).orElseThrow().updates()).isEqualTo(6);
        assertThat(second.statsOf(ORDERS).orElseThrow().deletes()).isEqualTo(1);
        assertThat(second.statsOf(ORDERS).orElseThrow().inserts()).isEqualTo(1);
    }

    @Test
    void theChangeLogKeepsOnlyUnpublishedChangesAndARestartAfterTrimmingResumesExactlyOnce() throws Exception {
        createTables(50);
        CaptureSettings settings = settings("t6", ORDERS);
        H2ChangeLogCapture first = start(settings);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.statsOf(ORDERS).orElseThrow().snapshotComplete());
        update("UPDATE orders SET status = 'paid', version = version + 1 WHERE id <= 30");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.statsOf(ORDERS).orElseThrow().updates() == 30);
        // published changes leave the log (it would otherwise grow with every write for as long as the trigger is on)
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(ORDERS) == 0);
        first.stop();

        // written while nothing publishes: they stay in the log until a capture has them in Kafka
        update("UPDATE orders SET status = 'shipped', version = version + 1 WHERE id <= 10");
        update("DELETE FROM orders WHERE id = 50");
        assertThat(pending(ORDERS)).isEqualTo(11);

        H2ChangeLogCapture second = start(settings);
        Map<String, Map<String, Object>> expected = tableContents(ORDERS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(replay(settings.topicOf(ORDERS)).state).isEqualTo(expected));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(ORDERS) == 0);
        Replay replay = replay(settings.topicOf(ORDERS));
        assertThat(replay.problems).as("no change missed or repeated across the trim and the restart").isEmpty();
        assertThat(replay.snapshotRows).isEqualTo(50);
        assertThat(replay.opsByKey.get("{\"id\":3}")).containsExactly("r", "u", "u");
        assertThat(replay.opsByKey.get("{\"id\":20}")).containsExactly("r", "u");
        assertThat(replay.opsByKey.get("{\"id\":50}")).containsExactly("r", "d");
        assertThat(second.statsOf(ORDERS).orElseThrow().updates()).isEqualTo(10);
        assertThat(second.statsOf(ORDERS).orElseThrow().deletes()).isEqualTo(1);
    }

    private long pending(TableId table) throws SQLException {
        try (Connection c = db.open()) {
            return ChangeLog.pending(c, List.of(table));
        }
    }

    @Test
    void livedbRowsAreCapturedAsInsertsUpdatesAndDeletes() throws Exception {
        db = Database.connect(TestDatabases.h2(dir));
        update("INSERT INTO livedb (org, amount, region) VALUES ('acme', 10.00, 'eu'), ('globex', 20.00, 'us')");
        H2ChangeLogCapture capture = start(settings("flowdeck", TableId.parse("public.livedb")));
        update("UPDATE livedb SET amount = 11.50 WHERE org = 'acme'");
        update("DELETE FROM livedb WHERE org = 'globex'");
        update("INSERT INTO livedb (org, amount, region) VALUES ('initech', 30.00, 'ap')");

        String topic = capture.settings().topicOf(TableId.parse("public.livedb"));
        assertThat(topic).isEqualTo("flowdeck.public.livedb");
        Map<String, Map<String, Object>> expected = tableContents(TableId.parse("public.livedb"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(replay(topic).state).isEqualTo(expected));
        Replay replay = replay(topic);
        assertThat(replay.opsByKey.values()).containsExactlyInAnyOrder(List.of("r", "u"), List.of("r", "d"), List.of("c"));
        ChangeEnvelope.Read update = replay.reads.stream().filter(r -> r.op() == ChangeOp.UPDATE).findFirst().orElseThrow();
        assertThat(update.changedFields()).containsExactly("amount");
        assertThat(update.source()).containsEntry("connector", "h2").containsEntry("table", "livedb")
                .containsEntry("schema", "public");
        assertThat(replay.tombstones).isEqualTo(1);
    }

    @Test
    void aTableWithoutPrimaryKeyOrOneThatDoesNotExistIsRefusedByName() throws Exception {
        createTables(1);
        db.execute("CREATE TABLE notes (txt VARCHAR(20))");
        H2ChangeLogCapture keyless = new H2ChangeLogCapture(db, kafka, settings("t4", TableId.parse("public.notes")));
        captures.add(keyless);
        keyless.start();
        assertThat(keyless.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).isFalse();
        assertThat(keyless.status().message()).contains("public.notes").contains("no primary key");

        H2ChangeLogCapture missing = new H2ChangeLogCapture(db, kafka, settings("t4", TableId.parse("public.nope")));
        captures.add(missing);
        missing.start();
        assertThat(missing.awaitState(StageState.RUNNING, Duration.ofSeconds(30))).isFalse();
        assertThat(missing.status().message()).contains("public.nope").contains("does not exist");
    }

    @Test
    void releaseDropsTheTriggersSoWritesNoLongerLogAndTheNextStartSnapshotsAgain() throws Exception {
        createTables(20);
        CaptureSettings settings = settings("t5", ORDERS);
        H2ChangeLogCapture capture = start(settings);
        capture.stop();
        capture.release();
        update("UPDATE orders SET version = version + 1");
        try (Connection c = db.open()) {
            assertThat(ChangeLog.exists(c)).isFalse();
            assertThat(ChangeLog.hasTrigger(c, ORDERS)).isFalse();
        }
        H2ChangeLogCapture again = start(settings);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.statsOf(ORDERS).orElseThrow().snapshotComplete());
        assertThat(replay(settings.topicOf(ORDERS)).snapshotRows).isEqualTo(40);
    }

    private void update(String sql) throws SQLException {
        db.execute(sql);
    }

    /** The table as the events should rebuild it: key JSON -> row. */
    private Map<String, Map<String, Object>> tableContents(TableId t) throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
            List<String> key = dev.flowdeck.engine.cdc.capture.TableCatalog.resolve(c, List.of(t)).get(0).primaryKey();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                Map<String, Object> k = new java.util.LinkedHashMap<>();
                key.forEach(col -> k.put(col, row.get(col)));
                // through the envelope's own JSON, so values compare as the events carry them
                out.put(new String(ChangeEnvelope.key(k), StandardCharsets.UTF_8), withoutNulls(ChangeEnvelope.readKey(ChangeEnvelope.key(row))));
            }
        }
        return out;
    }

    /** A row without its null columns: a column added later is absent from rows no event has carried since. */
    private static Map<String, Object> withoutNulls(Map<String, Object> row) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(row);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    /** A topic replayed in order per partition: the final state per key, and any per-key order or version problem. */
    private static final class Replay {
        final Map<String, Map<String, Object>> state = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, List<String>> opsByKey = new TreeMap<>();
        final List<ChangeEnvelope.Read> reads = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        final Map<String, Integer> lastVersion = new HashMap<>();
        int snapshotRows;
        int tombstones;
    }

    private static Replay replay(String topic) {
        Replay out = new Replay();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.committedReader(kafka, "test-replay"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(out, new String(r.key(), StandardCharsets.UTF_8), r.value());
                }
            }
        }
        return out;
    }

    private static void apply(Replay out, String key, byte[] value) {
        if (value == null) {
            out.tombstones++;
            if (out.state.containsKey(key)) {
                out.problems.add("tombstone of " + key + " while it exists");
            }
            return;
        }
        ChangeEnvelope.Read e = ChangeEnvelope.read(value).orElseThrow();
        out.opsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e.op().code());
        out.reads.add(e);
        Map<String, Object> row = e.row();
        if (row != null && row.get("status") != null) {
            out.statuses.add(String.valueOf(row.get("status")));
        }
        Integer version = row == null || !(row.get("version") instanceof Number n) ? null : n.intValue();
        Integer last = out.lastVersion.get(key);
        switch (e.op()) {
            case READ -> {
                out.snapshotRows++;
                out.state.put(key, withoutNulls(e.after()));
            }
            case CREATE -> {
                if (out.state.containsKey(key)) {
                    out.problems.add("insert of existing " + key);
                }
                out.state.put(key, withoutNulls(e.after()));
            }
            case UPDATE -> {
                if (!out.state.containsKey(key)) {
                    out.problems.add("update of missing " + key);
                }
                if (version != null && last != null && version != last + 1) {
                    out.problems.add(key + " jumped from version " + last + " to " + version);
                }
                out.state.put(key, withoutNulls(e.after()));
            }
            case DELETE -> {
                if (out.state.remove(key) == null) {
                    out.problems.add("delete of missing " + key);
                }
            }
        }
        if (e.op() == ChangeOp.DELETE) {
            out.lastVersion.remove(key);
        } else if (version != null) {
            out.lastVersion.put(key, version);
        }
    }
}
