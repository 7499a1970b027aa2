package dev.flowdeck.app.host;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedH2;
import dev.flowdeck.infra.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The composition root's half of "embedded or real": starts the embedded broker and database, or takes the
 * connection settings of real ones, and hands the engine nothing but {@link KafkaSettings} and {@link DbSettings}.
 */
public final class Infrastructure implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    /** Where things are. A null bootstrap or JDBC URL means "embedded". */
    public record Options(Path dataDir, String bootstrapServers, Map<String, String> kafkaProperties,
                          String jdbcUrl, String dbUser, String dbPassword) {
        public Options {
            kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
        }

        public static Options embedded(Path dataDir) {
            return new Options(dataDir, null, Map.of(), null, null, null);
        }

        public boolean embeddedKafka() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }

        public boolean embeddedDatabase() {
            return jdbcUrl == null || jdbcUrl.isBlank();
        }
    }

    private final Options options;
    private final EmbeddedKafka kafka;
    private final EmbeddedH2 h2;
    private final KafkaSettings kafkaSettings;
    private final DbSettings dbSettings;
    private final long startedAtMillis;

    private Infrastructure(Options options, EmbeddedKafka kafka, EmbeddedH2 h2, KafkaSettings kafkaSettings,
                           DbSettings dbSettings, long startedAtMillis) {
        this.options = options;
        this.kafka = kafka;
        this.h2 = h2;
        this.kafkaSettings = kafkaSettings;
        this.dbSettings = dbSettings;
        this.startedAtMillis = startedAtMillis;
    }

    /** Starts what is embedded; {@code progress} hears each step (for a splash or the status bar). */
    public static Infrastructure start(Options options, Consumer<String> progress) {
        long t0 = System.currentTimeMillis();
        EmbeddedKafka kafka = null;
        EmbeddedH2 h2 = null;
        try {
            KafkaSettings kafkaSettings;
            if (options.embeddedKafka()) {
                progress.accept("starting the embedded Kafka broker");
                kafka = EmbeddedKafka.start(EmbeddedKafka.Options.in(options.dataDir()));
                kafkaSettings = KafkaSettings.of(kafka.bootstrapServers());
            } else {
                kafkaSettings = new KafkaSettings(options.bootstrapServers(), options.kafkaProperties());
            }
            DbSettings db;
            if (options.embeddedDatabase()) {
                progress.accept("opening the embedded H2 database");
                h2 = EmbeddedH2.start(options.dataDir());
                db = new DbSettings(h2.jdbcUrl(), h2.user(), "");
            } else {
                db = new DbSettings(options.jdbcUrl(), options.dbUser(), options.dbPassword());
            }
            log.info("infrastructure: Kafka {} ({}), database {} ({})", kafkaSettings.bootstrapServers(),
                    options.embeddedKafka() ? "embedded" : "external", db.safeUrl(),
                    options.embeddedDatabase() ? "embedded" : "external");
            return new Infrastructure(options, kafka, h2, kafkaSettings, db, t0);
        } catch (RuntimeException e) {
            if (h2 != null) {
                h2.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    public KafkaSettings kafka() {
        return kafkaSettings;
    }

    public DbSettings database() {
        return dbSettings;
    }

    public Options options() {
        return options;
    }

    public boolean embeddedKafka() {
        return kafka != null;
    }

    public boolean embeddedDatabase() {
        return h2 != null;
    }

    /** When {@link #start} was called, wall-clock millis. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** How long the embedded broker took to bind its listeners; zero for a real cluster. */
    public Duration brokerStartup() {
        return kafka == null ? Duration.ZERO : kafka.startupDuration();
    }

    /** Stops the embedded database and broker (the engine must be stopped first). */
    @Override
    public void close() {
        if (h2 != null) {
            h2.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
