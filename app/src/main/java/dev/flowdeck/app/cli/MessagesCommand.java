package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.engine.admin.AdminException;
import dev.flowdeck.engine.admin.BrowseRequest;
import dev.flowdeck.engine.admin.BrowseResult;
import dev.flowdeck.engine.admin.Masking;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.MessageExport;
import dev.flowdeck.engine.admin.MessageFilter;
import dev.flowdeck.engine.admin.MessageImport;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.admin.TimeInput;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.admin.schema.SchemaException;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.kafka.KafkaProbe;
import dev.flowdeck.engine.kafka.KafkaUnavailableException;
import dev.flowdeck.infra.EmbeddedKafka;
import dev.flowdeck.infra.InfraException;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck messages}: the Messages page for scripts. Prints a topic's records as JSON lines (the export
 * format, so the output imports again with {@code --import}), filtered by a CEL expression; or produces a JSON-lines
 * file to a topic. Every error ends in one line on stderr and exit code 1.
 */
@Command(name = "messages", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Prints the records of a topic as JSON lines (partition, offset, timestamp, key, headers, value), "
                + "or imports a JSON-lines file into a topic with --import.",
                "Without --bootstrap-servers it uses the embedded broker of --data-dir."},
        footer = {"", "Examples:",
                "  flowdeck messages --bootstrap-servers localhost:9092 --topic orders --from -15m \\",
                "      --filter 'value.amount > 1000 && value.region == \"eu-west\"'",
                "  flowdeck messages --bootstrap-servers localhost:9092 --topic orders --limit 100 > orders.jsonl",
                "  flowdeck messages --bootstrap-servers localhost:9092 --topic orders_copy --import orders.jsonl --speed 10"})
public final class MessagesCommand implements Callable<Integer> {
    public static final int EXIT_ERROR = 1;
    public static final String REGISTRY_PASSWORD_VARIABLE = "FLOWDECK_REGISTRY_PASSWORD";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read, or to import into.")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (default: the embedded one).")
    String bootstrapServers;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (SASL/SSL), the format of Kafka's --command-config.")
    Path kafkaProperties;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded broker's folder, without --bootstrap-servers "
            + "(default: the platform's application-data folder).")
    Path dataDir;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "A Schema Registry (Confluent API) to decode Avro and Protobuf values, e.g. http://localhost:8081. "
                    + "Basic-auth password from the environment variable " + REGISTRY_PASSWORD_VARIABLE + ".")
    String schemaRegistry;

    @Option(names = "--registry-user", paramLabel = "USER", description = "Basic-auth user for --schema-registry.")
    String registryUser;

    @Option(names = "--from", paramLabel = "WHERE", defaultValue = "beginning",
            description = "beginning, end (the newest --limit records), an OFFSET, or a time: ISO (2026-12-01T10:00:00Z), "
                    + "local (2026-12-01 10:00), or ago (-15m). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--partition", paramLabel = "N", description = "Only this partition (default: all).")
    Integer partition;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "A CEL expression over key, value (JSON fields as value.a.b), headers[\"name\"], topic, partition, "
                    + "offset and timestamp, e.g. 'value.amount >= 900 && value.region == \"eu-west\"'.")
    String filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "500",
            description = "The most records to print, 1 to 100,000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--read-uncommitted", description = "Also show records of open and aborted transactions.")
    boolean readUncommitted;

    @Option(names = "--mask", paramLabel = "RULE",
            description = "Also mask this field path (value.card_number, *.email, headers.authorization) or re:REGEX; repeatable.")
    List<String> mask = new ArrayList<>();

    @Option(names = "--no-secret-masking", description = "Show fields named like secrets (password, token, api_key, ...), "
            + "which are masked by default.")
    boolean noSecretMasking;

    @Option(names = "--import", paramLabel = "FILE.jsonl",
            description = "Produce the records of this JSON-lines file (the export format: key, value, headers) to --topic.")
    Path importFile;

    @Option(names = "--keep-partitions", description = "With --import: each record to its partition in the file.")
    boolean keepPartitions;

    @Option(names = "--keep-timestamps", description = "With --import: each record with its timestamp in the file.")
    boolean keepTimestamps;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "With --import: replay the file's gaps between records X times faster (1 = real time); "
                    + "0 = as fast as possible (default).")
    double speed;

    @Option(names = "--skip-bad-lines", description = "With --import: produce the good lines of a file that has bad ones.")
    boolean skipBadLines;

    private final PrintStream out;
    private final PrintStream err;
    private Masking masking;

    public MessagesCommand() {
        this(System.out, System.err);
    }

    MessagesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            MessageFilter messageFilter = filter == null ? MessageFilter.NONE : MessageFilter.expression(filter);
            masking = Masking.of(mask, !noSecretMasking);
            BrowseRequest request = importFile == null ? request(messageFilter) : null;
            MessageImport.Options importOptions = importFile == null ? null
                    : new MessageImport.Options(keepPartitions, keepTimestamps, speed, skipBadLines);
            try (Connection c = connect()) {
                return importFile == null ? print(c.kafka, request) : importFile(c.kafka, importOptions);
            }
        } catch (AdminException | SchemaException | IllegalArgumentException | SettingsException | KafkaUnavailableException
                 | InfraException e) {
            err.println("flowdeck: error: " + e.getMessage());
            return EXIT_ERROR;
        } catch (IOException e) {
            err.println("flowdeck: error: cannot write the records: " + e.getMessage());
            return EXIT_ERROR;
        }
    }

    private BrowseRequest request(MessageFilter messageFilter) {
        BrowseRequest r = BrowseRequest.from(topic, StartPosition.BEGINNING).limit(limit).filter(messageFilter)
                .isolation(readUncommitted ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED);
        if (partition != null) {
            r = r.partition(partition);
        }
        String f = from.trim().toLowerCase(Locale.ROOT);
        if (f.equals("beginning")) {
            return r;
        }
        if (f.equals("end")) {
            return new BrowseRequest(r.topic(), r.partition(), StartPosition.END, 0, 0, r.limit(), r.filter(), r.isolation(), r.maxScanned());
        }
        if (f.chars().allMatch(Character::isDigit) && f.length() < 10) {
            return r.atOffset(Long.parseLong(f));
        }
        try {
            return r.atTimestamp(TimeInput.parseEpochMillis(from, ZoneId.systemDefault(), System.currentTimeMillis()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--from '" + from + "' is not beginning, end, an offset or a time: " + e.getMessage(), e);
        }
    }

    private int print(KafkaSettings kafka, BrowseRequest request) throws IOException {
        MessageBrowser browser = new MessageBrowser(kafka);
        browser.masking(masking);
        if (schemaRegistry != null) {
            browser.registry(new SchemaRegistry(new RegistrySettings(schemaRegistry, registryUser,
                    System.getenv().getOrDefault(REGISTRY_PASSWORD_VARIABLE, ""))));
        }
        BrowseResult result = browser.browse(request);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        MessageExport.writeJsonLines(result.records(), w);
        w.flush();
        err.println("flowdeck: " + result.note() + (result.complete() ? "" : "; more may follow: raise --limit or narrow --from"));
        return 0;
    }

    private int importFile(KafkaSettings kafka, MessageImport.Options options) throws IOException {
        MessageImport importer = new MessageImport(kafka);
        MessageImport.Scan scan = importer.scan(importFile);
        err.println("flowdeck: " + importFile.getFileName() + ": " + scan.describe());
        MessageImport.Summary s = importer.run(importFile, topic, options,
                (done, total) -> err.printf(Locale.ROOT, "flowdeck: imported %,d of %,d%n", done, total), () -> false);
        err.println("flowdeck: " + s.describe());
        ObjectNode summary = JSON.createObjectNode();
        summary.put("topic", s.topic());
        summary.put("imported", s.produced());
        summary.put("skipped_bad_lines", s.skippedBadLines());
        summary.put("topic_created", s.createdTopic());
        summary.put("seconds", s.took().toMillis() / 1000.0);
        out.println(summary);
        return 0;
    }

    private Connection connect() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            if (kafkaProperties != null) {
                throw new IllegalArgumentException("--kafka-properties needs --bootstrap-servers: the embedded broker takes no client properties");
            }
            Path dir = dataDir != null ? dataDir : AppPaths.dataDir();
            err.println("flowdeck: starting the embedded Kafka broker in " + dir);
            EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
            return new Connection(KafkaSettings.of(broker.bootstrapServers()), broker);
        }
        Map<String, String> props = kafkaProperties == null ? Map.of() : KafkaSettings.readPropertiesFile(kafkaProperties);
        KafkaSettings kafka = new KafkaSettings(bootstrapServers, props);
        KafkaProbe.check(kafka, Duration.ofSeconds(6));
        return new Connection(kafka, null);
    }

    /** The brokers to talk to, and the embedded one to stop afterwards (null for a real cluster). */
    private record Connection(KafkaSettings kafka, EmbeddedKafka broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
