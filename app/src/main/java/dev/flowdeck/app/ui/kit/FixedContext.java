package dev.flowdeck.app.ui.kit;

import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A console context with fixed connections, for a page shown outside the console's session: the benchmarks and the
 * page tests. Either connection may be absent.
 */
public record FixedContext(TaskRunner tasks, Optional<KafkaSettings> kafka, Optional<Database> database, Path dataDir,
                           Path configDir, Optional<SchemaRegistry> schemaRegistry) implements ConsoleContext {

    /** Without a Schema Registry. */
    public FixedContext(TaskRunner tasks, Optional<KafkaSettings> kafka, Optional<Database> database, Path dataDir, Path configDir) {
        this(tasks, kafka, database, dataDir, configDir, Optional.empty());
    }

    /** No Kafka, no database, folders in the temporary directory: for pages that need neither (Topology). */
    public static FixedContext offline(TaskRunner tasks) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return new FixedContext(tasks, Optional.empty(), Optional.empty(), tmp, tmp);
    }
}
