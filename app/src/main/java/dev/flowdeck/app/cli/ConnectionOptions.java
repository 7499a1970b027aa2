package dev.flowdeck.app.cli;

import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.engine.config.KafkaSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** Where the pipeline runs: embedded by default, or real brokers and a real PostgreSQL. */
public final class ConnectionOptions {
    public static final String PASSWORD_VARIABLE = "FLOWDECK_DB_PASSWORD";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the embedded broker's and database's data (default: the platform's application-data folder). "
                    + "A second run with the same folder continues where the first stopped.")
    Path dataDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use these Kafka brokers instead of the embedded one.")
    String bootstrapServers;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (SASL/SSL), the format of Kafka's --command-config.")
    Path kafkaProperties;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Use this PostgreSQL database instead of embedded H2, e.g. jdbc:postgresql://localhost:5432/flowdeck "
                    + "(Neon and other hosted ones: add ?sslmode=require). The password comes from the environment variable "
                    + PASSWORD_VARIABLE + ".")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user for --jdbc-url.")
    String dbUser;

    public Path dataDirOrDefault() {
        return dataDir != null ? dataDir : AppPaths.dataDir();
    }

    public Infrastructure.Options toInfrastructure() {
        Map<String, String> props = kafkaProperties == null ? Map.of() : KafkaSettings.readPropertiesFile(kafkaProperties);
        if (kafkaProperties != null && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("--kafka-properties needs --bootstrap-servers: the embedded broker takes no client properties");
        }
        if (dbUser != null && (jdbcUrl == null || jdbcUrl.isBlank())) {
            throw new IllegalArgumentException("--db-user needs --jdbc-url: the embedded database has its own user");
        }
        return new Infrastructure.Options(dataDirOrDefault(), bootstrapServers, props, jdbcUrl, dbUser,
                System.getenv().getOrDefault(PASSWORD_VARIABLE, ""));
    }
}
