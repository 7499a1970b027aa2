package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;

import java.nio.file.Path;
import java.util.Optional;

/** The {@link ConsoleContext} every page gets: the task runner and the session's current connections. */
final class SessionContext implements ConsoleContext {
    private final TaskRunner tasks;
    private final ConsoleSession session;
    private final Path configDir;
    private SchemaRegistry registry;

    SessionContext(TaskRunner tasks, ConsoleSession session, Path configDir) {
        this.tasks = tasks;
        this.session = session;
        this.configDir = configDir;
    }

    @Override
    public TaskRunner tasks() {
        return tasks;
    }

    @Override
    public Optional<KafkaSettings> kafka() {
        return session.kafka();
    }

    @Override
    public Optional<Database> database() {
        return session.database();
    }

    @Override
    public Path dataDir() {
        return session.dataDir();
    }

    @Override
    public Path configDir() {
        return configDir;
    }

    /** One client per registry settings, so each schema is fetched once per session, not once per browse. */
    @Override
    public synchronized Optional<SchemaRegistry> schemaRegistry() {
        Optional<RegistrySettings> wanted = session.profile().schemaRegistry();
        if (wanted.isEmpty()) {
            registry = null;
        } else if (registry == null || !registry.settings().equals(wanted.get())) {
            registry = new SchemaRegistry(wanted.get());
        }
        return Optional.ofNullable(registry);
    }
}
