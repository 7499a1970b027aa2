package dev.flowdeck.app.bench;

import dev.flowdeck.app.cli.VerifiedRun;
import dev.flowdeck.app.cli.DurationConverter;
import dev.flowdeck.app.cli.ConnectionOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.db.DatabaseException;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.engine.kafka.Topics;
import dev.flowdeck.engine.source.SeedRow;
import dev.flowdeck.infra.EmbeddedH2;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code flowdeck bench}: the pipeline core's figures, in one run on one embedded broker. Prints one JSON line per
 * measurement and a summary line last.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures, on one embedded broker: the raw Kafka producer ceiling, the maximum sustained CDC "
                + "throughput (writer -> database -> poller -> Kafka, every row verified) on H2 and on PostgreSQL, and "
                + "end-to-end latency at 1,000 rows/s. One JSON line per measurement on stdout, a summary last."})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "20s",
            description = "Length of each pipeline measurement (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--producer-records", defaultValue = "2000000",
            description = "Records per raw producer measurement (default: ${DEFAULT-VALUE}).")
    int producerRecords;

    @Option(names = "--writer-threads", defaultValue = "2",
            description = "Writer threads in the max-rate measurements (default: ${DEFAULT-VALUE}).")
    int writerThreads;

    @Option(names = "--pg-url", paramLabel = "URL",
            description = "PostgreSQL to measure, e.g. jdbc:postgresql://127.0.0.1:5432/flowdeck_test (password from "
                    + ConnectionOptions.PASSWORD_VARIABLE + "). The bench works in its own schema flowdeck_bench. Without it, "
                    + "PostgreSQL is skipped.")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", defaultValue = "flowdeck", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String pgUser;

    @Option(names = "--capture-only", description = "Measure only the producer ceiling and log-based capture on PostgreSQL "
            + "(needs --pg-url; the user needs REPLICATION and the server wal_level = logical).")
    boolean captureOnly;

    @Option(names = "--capture-poll-interval", converter = DurationConverter.class, paramLabel = "T",
            description = "Debezium's poll.interval.ms in the capture measurements, to compare settings in one sitting "
                    + "(default: the capture's own, 10ms).")
    Duration capturePollInterval;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("flowdeck-bench");
        List<SeedRow> seed = Seeds.load(null, p -> { });
        ObjectNode summary = JSON.createObjectNode();
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
             EmbeddedH2 h2 = EmbeddedH2.start(dir)) {
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            summary.put("broker_start_ms", broker.startupDuration().toMillis());

            ObjectNode plain = producerCeiling(kafka, "none");
            ObjectNode lz4 = producerCeiling(kafka, "lz4");
            summary.put("producer_rec_per_s_uncompressed", plain.get("records_per_s").asLong());
            summary.put("producer_rec_per_s_lz4", lz4.get("records_per_s").asLong());

            if (captureOnly) {
                capture(kafka, summary);
                summary.put("measurement", "summary");
                emit(summary);
                return 0;
            }
            Database h2db = Database.connect(new DbSettings(h2.jdbcUrl(), h2.user(), ""));
            ObjectNode h2Max = pipeline(kafka, h2db, seed, "cdc_max_rate_h2", true);
            ObjectNode h2Lat = pipeline(kafka, h2db, seed, "latency_1000_rows_per_s_h2", false);
            summary.put("cdc_rows_per_s_h2", h2Max.get("rows_per_s").asLong());
            summary.put("cdc_clean_h2", h2Max.get("lost").asLong() == 0 && h2Max.get("duplicated").asLong() == 0);
            // absolute rates move with the machine's load; the ratio to the producer ceiling of this run less so
            summary.put("cdc_h2_vs_producer_ceiling", Math.round(h2Max.get("rows_per_s").asDouble()
                    / Math.max(1, plain.get("records_per_s").asDouble()) * 1000) / 1000.0);
            summary.set("e2e_ms_at_1000_rows_per_s_h2", h2Lat.get("e2e_latency_ms"));

            Database pg = postgres();
            if (pg != null) {
                ObjectNode pgMax = pipeline(kafka, pg, seed, "cdc_max_rate_postgres", true);
                ObjectNode pgLat = pipeline(kafka, pg, seed, "latency_1000_rows_per_s_postgres", false);
                summary.put("cdc_rows_per_s_postgres", pgMax.get("rows_per_s").asLong());
                summary.put("cdc_clean_postgres", pgMax.get("lost").asLong() == 0 && pgMax.get("duplicated").asLong() == 0);
                summary.set("e2e_ms_at_1000_rows_per_s_postgres", pgLat.get("e2e_latency_ms"));
                capture(kafka, summary);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        summary.put("measurement", "summary");
        summary.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        emit(summary);
        return 0;
    }

    private ObjectNode producerCeiling(KafkaSettings kafka, String compression) throws Exception {
        String topic = "bench-producer-" + compression;
        try (Admin admin = KafkaClients.createAdmin(kafka, "flowdeck-bench")) {
            Topics.ensure(admin, topic, 3, (short) 1, Map.of(), Duration.ofSeconds(30));
        }
        Map<String, Object> config = KafkaClients.admin(kafka);
        config.keySet().removeIf(k -> k.startsWith("default.api"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        byte[] value = ("{\"id\":1234567,\"op\":\"c\",\"org\":\"Northwind Traders\",\"amount\":1234.56,\"region\":\"eu-west\","
                + "\"created_at_us\":1795000000123456,\"captured_at_us\":1795000000125001}").getBytes(StandardCharsets.UTF_8);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < producerRecords; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), value), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("measurement", "producer_ceiling");
        o.put("compression", compression);
        o.put("value_bytes", value.length);
        o.put("records", producerRecords);
        o.put("records_per_s", Math.round(producerRecords / seconds));
        o.put("mb_per_s", Math.round(producerRecords * (double) value.length / seconds / 1e6 * 10) / 10.0);
        emit(o);
        return o;
    }

    private ObjectNode pipeline(KafkaSettings kafka, Database db, List<SeedRow> seed, String name, boolean maxRate) throws Exception {
        PipelineSettings settings = new PipelineSettings().topic("bench-" + name.replace('_', '-')).partitions(3);
        if (maxRate) {
            settings.maxRate(true).writerThreads(writerThreads).pollBatchSize(10_000);
        } else {
            settings.rowsPerBurst(10).burstIntervalMs(10);
        }
        VerifiedRun.Result r = new VerifiedRun(kafka, db, settings, seed, List.of(), line -> System.err.println("bench " + name + ": " + line))
                .run(duration, Duration.ofSeconds(5), new CountDownLatch(1));
        ObjectNode o = r.summary();
        o.put("measurement", name);
        emit(o);
        return o;
    }

    /** Log-based capture on PostgreSQL (issue 11): sustained changes/s, every change verified, and latency at 1,000/s. */
    private void capture(KafkaSettings kafka, ObjectNode summary) throws Exception {
        if (pgUrl == null || pgUrl.isBlank()) {
            System.err.println("bench: log-based capture skipped (no --pg-url)");
            return;
        }
        List<ObjectNode> results = new CaptureBench(kafka, pgUrl, pgUser, System.getenv().getOrDefault(ConnectionOptions.PASSWORD_VARIABLE, ""),
                line -> System.err.println("bench " + line)).run(duration, writerThreads, capturePollInterval);
        for (ObjectNode o : results) {
            emit(o);
        }
        ObjectNode max = results.get(0);
        summary.put("capture_changes_per_s_postgres", max.get("changes_per_s").asLong());
        summary.put("capture_clean_postgres", max.get("lost").asLong() == 0 && max.get("wrong_order_or_dup").asLong() == 0
                && results.get(1).get("lost").asLong() == 0 && results.get(1).get("wrong_order_or_dup").asLong() == 0);
        summary.put("capture_ratio_to_producer_ceiling", Math.round(max.get("changes_per_s").asDouble()
                / summary.get("producer_rec_per_s_uncompressed").asDouble() * 1000) / 1000.0);
        summary.set("capture_commit_to_consumer_ms_at_1000_per_s_postgres", results.get(1).get("commit_to_consumer_ms"));
    }

    private Database postgres() {
        if (pgUrl == null || pgUrl.isBlank()) {
            System.err.println("bench: PostgreSQL skipped (no --pg-url)");
            return null;
        }
        String password = System.getenv().getOrDefault(ConnectionOptions.PASSWORD_VARIABLE, "");
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, password); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS flowdeck_bench CASCADE");
            st.execute("CREATE SCHEMA flowdeck_bench");
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot prepare the bench schema in " + pgUrl + ": " + e.getMessage(), e);
        }
        return Database.connect(new DbSettings(pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=flowdeck_bench", pgUser, password));
    }

    private static void emit(ObjectNode o) throws Exception {
        System.out.println(JSON.writeValueAsString(o));
        System.out.flush();
    }
}
