package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MessageBrowserTest {
    private static final String TOPIC = "events";
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};
    /** Records i = 0..89, 30 per partition; record i has timestamp BASE + i seconds. */
    private static final long BASE = System.currentTimeMillis() - Duration.ofHours(2).toMillis();

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static MessageBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        browser = new MessageBrowser(kafka);
        TestRecords.createTopic(kafka, TOPIC, 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String value = "{\"id\":" + i + ",\"region\":\"" + REGIONS[i % 3] + "\",\"amount\":" + (i * 10) + ".50,"
                    + "\"payload\":{\"tags\":[\"t" + i + "\"]}}";
            ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, i % 3, BASE + i * 1000L, "key-" + i, value);
            r.headers().add(new RecordHeader("source", ("test-" + i).getBytes(StandardCharsets.UTF_8)));
            records.add(r);
        }
        TestRecords.send(kafka, records);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void browsesAllPartitionsFromTheBeginningInTimeOrderWithHeaders() {
        BrowseResult r = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING).limit(1000));
        assertThat(r.records()).hasSize(90);
        assertThat(r.complete()).isTrue();
        assertThat(r.records()).extracting(KafkaMessage::key).startsWith("key-0", "key-1", "key-2").endsWith("key-89");
        KafkaMessage first = r.records().get(0);
        assertThat(first.headers()).containsExactly(new KafkaMessage.MessageHeader("source", "test-0"));
        assertThat(first.timestamp()).isEqualTo(BASE);
        assertThat(MessageExport.pretty(first.value())).contains("\n  \"region\" : \"eu-west\"");
    }

    @Test
    void browsesOnePartitionFromAnOffset() {
        BrowseResult r = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING).partition(1).atOffset(25).limit(100));
        // partition 1 holds records 1, 4, 7, ... at offsets 0..29; offset 25 is record 76
        assertThat(r.records()).extracting(KafkaMessage::offset).containsExactly(25L, 26L, 27L, 28L, 29L);
        assertThat(r.records()).extracting(KafkaMessage::partition).containsOnly(1);
        assertThat(r.records().get(0).key()).isEqualTo("key-76");

        BrowseResult limited = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING).partition(1).atOffset(10).limit(3));
        assertThat(limited.records()).extracting(KafkaMessage::offset).containsExactly(10L, 11L, 12L);
        assertThat(limited.complete()).isFalse();
    }

    @Test
    void browsesFromATimestamp() {
        BrowseResult r = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING).atTimestamp(BASE + 80_000).limit(100));
        assertThat(r.records()).extracting(KafkaMessage::key)
                .containsExactly("key-80", "key-81", "key-82", "key-83", "key-84", "key-85", "key-86", "key-87", "key-88", "key-89");
        BrowseResult future = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING)
                .atTimestamp(System.currentTimeMillis() + 60_000));
        assertThat(future.records()).isEmpty();
        assertThat(future.note()).contains("no records");
    }

    @Test
    void browsesTheNewestRecords() {
        BrowseResult r = browser.browse(BrowseRequest.from(TOPIC, StartPosition.END).limit(4));
        assertThat(r.records()).extracting(KafkaMessage::key).containsExactly("key-86", "key-87", "key-88", "key-89");
    }

    @Test
    void filtersByKeyTextAndJsonField() {
        BrowseRequest all = BrowseRequest.from(TOPIC, StartPosition.BEGINNING).limit(1000);
        assertThat(browser.browse(all.filter(MessageFilter.of("key-4*", null, null))).records())
                .extracting(KafkaMessage::key).containsExactlyInAnyOrder("key-4", "key-40", "key-41", "key-42", "key-43",
                        "key-44", "key-45", "key-46", "key-47", "key-48", "key-49");
        assertThat(browser.browse(all.filter(MessageFilter.of(null, "TEST-77", null))).records())
                .extracting(KafkaMessage::key).containsExactly("key-77");

        BrowseResult eu = browser.browse(all.filter(MessageFilter.of(null, null, "region=eu-west")));
        assertThat(eu.records()).hasSize(30).allSatisfy(m -> assertThat(m.value()).contains("\"eu-west\""));
        assertThat(eu.scanned()).isEqualTo(90);
        assertThat(browser.browse(all.filter(MessageFilter.of(null, null, "/amount>=850"))).records())
                .extracting(KafkaMessage::key).containsExactly("key-85", "key-86", "key-87", "key-88", "key-89");
        assertThat(browser.browse(all.filter(MessageFilter.of(null, null, "$.payload.tags[0]=t12"))).records())
                .extracting(KafkaMessage::key).containsExactly("key-12");
        assertThat(browser.browse(all.filter(MessageFilter.of("key-3*", null, "region!=eu-west"))).records())
                .extracting(KafkaMessage::key).containsExactlyInAnyOrder("key-31", "key-32", "key-34", "key-35",
                        "key-37", "key-38");

        assertThatThrownBy(() -> MessageFilter.of(null, null, "region="))
                .hasMessageContaining("has no value after '='").hasMessageContaining("region=eu-west");
    }

    @Test
    void filtersByACelExpressionOverValueHeadersAndPartition() {
        BrowseRequest all = BrowseRequest.from(TOPIC, StartPosition.BEGINNING).limit(1000);
        BrowseResult r = browser.browse(all.filter(MessageFilter.expression(
                "value.amount >= 600 && value.region == 'eu-west' && headers['source'].endsWith('0')")));
        assertThat(r.records()).extracting(KafkaMessage::key).containsExactly("key-60");
        assertThat(r.note()).contains("matching value.amount >= 600");
        assertThat(browser.browse(all.filter(MessageFilter.expression("partition == 1 && offset < 2"))).records())
                .extracting(KafkaMessage::key).containsExactly("key-1", "key-4");
        BrowseResult missing = browser.browse(all.filter(MessageFilter.expression("value.nothing == 1")));
        assertThat(missing.records()).isEmpty();
        assertThat(missing.note()).contains("90 records could not be evaluated");
    }

    @Test
    void readCommittedHidesAbortedTransactionsAndReadUncommittedShowsThem() throws Exception {
        TestRecords.createTopic(kafka, "tx", 1);
        TestRecords.send(kafka, List.of(new ProducerRecord<>("tx", "k", "committed-before")));
        Map<String, Object> config = KafkaClients.transactionalProducer(kafka, "test-tx");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>("tx", "k", "aborted")).get();
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>("tx", "k", "committed-after")).get();
            p.commitTransaction();
        }
        BrowseRequest request = BrowseRequest.from("tx", StartPosition.BEGINNING);
        assertThat(browser.browse(request).records()).extracting(KafkaMessage::value)
                .containsExactly("committed-before", "committed-after");
        assertThat(browser.browse(request.isolation(IsolationLevel.READ_UNCOMMITTED)).records()).extracting(KafkaMessage::value)
                .containsExactly("committed-before", "aborted", "committed-after");
    }

    @Test
    void producesARecordWithKeyValueAndHeaders() throws Exception {
        TestRecords.createTopic(kafka, "manual", 3);
        ProducedRecord p = browser.produce("manual", 2, "manual", "{\"region\":\"eu-west\"}",
                List.of(new KafkaMessage.MessageHeader("origin", "console"), new KafkaMessage.MessageHeader("bin", "0x00ff")));
        assertThat(p.partition()).isEqualTo(2);
        BrowseResult r = browser.browse(BrowseRequest.from("manual", StartPosition.BEGINNING).partition(2).atOffset(p.offset()));
        assertThat(r.records()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("manual");
            assertThat(m.headers()).containsExactly(new KafkaMessage.MessageHeader("origin", "console"),
                    new KafkaMessage.MessageHeader("bin", "0x00ff"));
        });
        assertThatThrownBy(() -> browser.produce("manual", 7, "k", "v", List.of()))
                .hasMessageContaining("has no partition 7: it has 3 partitions");
        assertThatThrownBy(() -> browser.browse(BrowseRequest.from("nope", StartPosition.BEGINNING)))
                .hasMessageContaining("topic 'nope' does not exist");
    }

    @Test
    void liveTailFollowsNewRecordsWithABoundedBuffer() throws Exception {
        TestRecords.createTopic(kafka, "live", 2);
        TestRecords.send(kafka, List.of(new ProducerRecord<>("live", "old", "before the tail")));
        TailBuffer<KafkaMessage> buffer = new TailBuffer<>(50);
        AtomicInteger signals = new AtomicInteger();
        try (LiveTail tail = browser.tail("live", java.util.OptionalInt.empty(), MessageFilter.of(null, null, "n>=0"),
                IsolationLevel.READ_COMMITTED, buffer, signals::incrementAndGet)) {
            tail.start();
            // records written before the tail was positioned at the end are not shown; wait until it is positioned
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                TestRecords.send(kafka, List.of(new ProducerRecord<>("live", "probe", "{\"n\":-1}")));
                return tail.received() > 0;
            });
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(new ProducerRecord<>("live", "k" + i, "{\"n\":" + i + "}"));
            }
            long before = tail.received();
            TestRecords.send(kafka, batch);
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.received() - before >= 200);
            assertThat(tail.matched()).isEqualTo(200);
            assertThat(signals.get()).isPositive();
            List<KafkaMessage> shown = buffer.drain();
            assertThat(shown).hasSize(50).noneMatch(m -> m.key().equals("old") || m.key().equals("probe"));
            assertThat(buffer.dropped()).isEqualTo(150);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("flowdeck-tail-live") && t.isAlive());
    }

    @Test
    void browseAndTailMaskSecretsWhileTheFilterSeesTheOriginal() throws Exception {
        TestRecords.createTopic(kafka, "accounts", 1);
        TestRecords.send(kafka, List.of(new ProducerRecord<>("accounts", "a1", "{\"user\":\"ann\",\"password\":\"hunter2\",\"email\":\"ann@x\"}")));
        MessageBrowser masked = new MessageBrowser(kafka);
        masked.masking(Masking.of(List.of("value.email"), true));
        BrowseResult r = masked.browse(BrowseRequest.from("accounts", StartPosition.BEGINNING)
                .filter(MessageFilter.expression("value.password == 'hunter2'")));
        assertThat(r.records()).singleElement().satisfies(m ->
                assertThat(m.value()).isEqualTo("{\"user\":\"ann\",\"password\":\"****\",\"email\":\"****\"}"));

        TailBuffer<KafkaMessage> buffer = new TailBuffer<>(10);
        try (LiveTail tail = masked.tail("accounts", java.util.OptionalInt.empty(), MessageFilter.NONE,
                IsolationLevel.READ_COMMITTED, buffer, () -> { })) {
            tail.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                TestRecords.send(kafka, List.of(new ProducerRecord<>("accounts", "a2", "{\"token\":\"s3cr3t\"}")));
                return buffer.hasPending();
            });
            assertThat(buffer.drain()).isNotEmpty().allSatisfy(m -> assertThat(m.value()).isEqualTo("{\"token\":\"****\"}"));
        }
    }

    @Test
    void browsingAndTailingNeverCreateAConsumerGroup() throws Exception {
        browser.browse(BrowseRequest.from(TOPIC, StartPosition.END));
        try (Admin admin = KafkaClients.createAdmin(kafka, "test")) {
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()).isEmpty();
        }
    }

    @Test
    void exportsShownRecordsAsJsonLinesAndCsv(@TempDir Path out) throws Exception {
        List<KafkaMessage> shown = browser.browse(BrowseRequest.from(TOPIC, StartPosition.BEGINNING).limit(3)).records();
        Path jsonl = out.resolve("records.jsonl");
        Path csv = out.resolve("records.csv");
        MessageExport.write(shown, jsonl, MessageExport.formatFor(jsonl));
        MessageExport.write(shown, csv, MessageExport.formatFor(csv));
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"topic\":\"events\",\"partition\":0,\"offset\":0,")
                .contains("\"value\":{\"id\":0,\"region\":\"eu-west\"").contains("\"headers\":{\"source\":\"test-0\"}");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("topic,partition,offset,timestamp,key,value,headers");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).startsWith("events,0,0,").contains("key-0,\"{\"\"id\"\":0,").endsWith("source=test-0");
        assertThatThrownBy(() -> MessageExport.write(shown, out.resolve("missing/dir/x.csv"), MessageExport.Format.CSV))
                .hasMessageContaining("cannot write").hasMessageContaining("Choose a writable folder");
    }

    @Test
    void readsTimesAsPeopleWriteThem() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        long now = 1_800_000_000_000L;
        assertThat(TimeInput.parseEpochMillis("2026-05-01 10:00", utc, now)).isEqualTo(java.time.Instant.parse("2026-05-01T10:00:00Z").toEpochMilli());
        assertThat(TimeInput.parseEpochMillis("2026-05-01T10:00:00+02:00", utc, now)).isEqualTo(java.time.Instant.parse("2026-05-01T08:00:00Z").toEpochMilli());
        assertThat(TimeInput.parseEpochMillis("-15m", utc, now)).isEqualTo(now - 15 * 60_000);
        assertThat(TimeInput.parseEpochMillis("2h ago", utc, now)).isEqualTo(now - 2 * 3_600_000);
        assertThat(TimeInput.parseEpochMillis("2026-05-01", utc, now)).isEqualTo(java.time.Instant.parse("2026-05-01T00:00:00Z").toEpochMilli());
        assertThat(TimeInput.parseEpochMillis("1714557600000", utc, now)).isEqualTo(1714557600000L);
        assertThatThrownBy(() -> TimeInput.parseEpochMillis("last tuesday", utc, now)).hasMessageContaining("'last tuesday' is not a time");
    }

    @Test
    void tailBufferDropsTheOldestAndCountsThem() {
        TailBuffer<Integer> b = new TailBuffer<>(3);
        b.addAll(List.of(1, 2));
        assertThat(b.drain()).containsExactly(1, 2);
        b.addAll(List.of(3, 4, 5, 6, 7));
        assertThat(b.drain()).containsExactly(5, 6, 7);
        assertThat(b.dropped()).isEqualTo(2);
        assertThat(b.added()).isEqualTo(7);
        assertThat(b.drain()).isEmpty();
    }
}
