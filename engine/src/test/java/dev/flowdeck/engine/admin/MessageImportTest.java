package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageImportTest {
    private static final long BASE = System.currentTimeMillis() - 3_600_000;

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaSettings kafka;
    static MessageBrowser browser;
    static MessageImport importer;
    /** The export of topic "source": 12 records over 3 partitions, 100 ms apart, with headers. */
    static Path export;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir.resolve("kafka")));
        kafka = KafkaSettings.of(broker.bootstrapServers());
        browser = new MessageBrowser(kafka);
        importer = new MessageImport(kafka);
        TestRecords.createTopic(kafka, "source", 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ProducerRecord<String, String> r = new ProducerRecord<>("source", i % 3, BASE + i * 100L, "k" + i,
                    i == 11 ? null : "{\"n\":" + i + ",\"name\":\"r" + i + "\"}");
            r.headers().add(new RecordHeader("trace", ("t" + i).getBytes(StandardCharsets.UTF_8)));
            records.add(r);
        }
        TestRecords.send(kafka, records);
        export = dir.resolve("source.jsonl");
        MessageExport.write(browser.browse(BrowseRequest.from("source", StartPosition.BEGINNING)).records(), export,
                MessageExport.Format.JSON_LINES);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void anExportImportsIntoANewTopicWithKeysValuesHeadersAndPartitions() {
        List<long[]> progress = new CopyOnWriteArrayList<>();
        MessageImport.Summary s = importer.run(export, "copy", new MessageImport.Options(true, true, 0, false),
                (done, total) -> progress.add(new long[] {done, total}), () -> false);
        assertThat(s.produced()).isEqualTo(12);
        assertThat(s.createdTopic()).isTrue();
        assertThat(s.describe()).startsWith("imported 12 records into 'copy' (topic created)");
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(12, 12));

        List<KafkaMessage> original = browser.browse(BrowseRequest.from("source", StartPosition.BEGINNING)).records();
        List<KafkaMessage> copy = browser.browse(BrowseRequest.from("copy", StartPosition.BEGINNING)).records();
        assertThat(copy).hasSize(12);
        for (int i = 0; i < 12; i++) {
            KafkaMessage a = original.get(i);
            KafkaMessage b = copy.get(i);
            assertThat(List.of(b.key(), b.partition(), b.offset(), b.timestamp(), b.headers()))
                    .isEqualTo(List.of(a.key(), a.partition(), a.offset(), a.timestamp(), a.headers()));
            assertThat(b.value()).isEqualTo(a.value());
        }
        assertThat(copy.get(11).value()).as("a tombstone stays a tombstone").isNull();
    }

    @Test
    void badLinesAreReportedByNumberAndNothingIsImportedUnlessSkipped() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.add(2, "{\"key\": \"x\", \"value\": {\"ok\": true}, \"headers\": [1]}");
        lines.add(5, "this is not json");
        lines.add(7, "");
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, lines);

        MessageImport.Scan scan = importer.scan(file);
        assertThat(scan.records()).isEqualTo(12);
        assertThat(scan.badCount()).isEqualTo(2);
        assertThat(scan.badLines()).extracting(MessageImport.BadLine::number).containsExactly(3L, 6L);
        assertThat(scan.describe()).contains("line 3: \"headers\" must be an object").contains("line 6: not JSON");

        assertThatThrownBy(() -> importer.run(file, "refused", MessageImport.Options.DEFAULT, (d, t) -> { }, () -> false))
                .isInstanceOf(AdminException.class).hasMessageContaining("2 bad lines, nothing was imported")
                .hasMessageContaining("line 3").hasMessageContaining("line 6");

        MessageImport.Summary s = importer.run(file, "skipped", new MessageImport.Options(false, false, 0, true), (d, t) -> { }, () -> false);
        assertThat(s.produced()).isEqualTo(12);
        assertThat(s.describe()).endsWith("skipped 2 bad lines");
        assertThat(browser.browse(BrowseRequest.from("skipped", StartPosition.BEGINNING)).records())
                .extracting(KafkaMessage::key).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11");
    }

    @Test
    void replayKeepsTheOriginalGapsAtTheChosenSpeed() {
        // 12 records 100 ms apart span 1.1 s: at speed 2 the replay takes at least 550 ms; as fast as possible, less.
        long t0 = System.nanoTime();
        importer.run(export, "replayed", new MessageImport.Options(false, false, 2, false), (d, t) -> { }, () -> false);
        long replayMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(replayMs).isGreaterThanOrEqualTo(550);
        assertThat(importer.scan(export).spanMillis()).isEqualTo(1_100);
    }

    @Test
    void aCancelledImportStopsAndAPartitionTheTopicLacksIsRefused() throws Exception {
        MessageImport.Summary s = importer.run(export, "cancelled", MessageImport.Options.DEFAULT, (d, t) -> { }, () -> true);
        assertThat(s.produced()).isZero();
        TestRecords.createTopic(kafka, "narrow", 1);
        assertThatThrownBy(() -> importer.run(export, "narrow", new MessageImport.Options(true, false, 0, false), (d, t) -> { }, () -> false))
                .hasMessageContaining("'narrow' has 1 partition but the file names partition 2");
        assertThatThrownBy(() -> importer.scan(dir.resolve("missing.jsonl"))).hasMessageContaining("is not a file");
    }
}
