package dev.flowdeck.app.ui.kit;

import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a console page may use: the background task runner and the current profile's connections. The connections
 * are empty until the infrastructure has started (or while the profile is being switched).
 */
public interface ConsoleContext {
    TaskRunner tasks();

    Optional<KafkaSettings> kafka();

    Optional<Database> database();

    /** User data (the embedded broker's and database's folders live here). */
    Path dataDir();

    /** Settings and profiles. */
    Path configDir();

    /** The profile's Schema Registry, which decodes Avro and Protobuf records and encodes with a chosen schema. */
    default Optional<SchemaRegistry> schemaRegistry() {
        return Optional.empty();
    }
}
