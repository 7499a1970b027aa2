package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.ConsoleContext;
import dev.flowdeck.app.ui.TaskRunner;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;

import java.nio.file.Path;
import java.util.Optional;

/** A console context for page tests: the given task runner and connections (either may be absent). */
record TestContext(TaskRunner tasks, Optional<KafkaSettings> kafka, Optional<Database> database, Path dataDir, Path configDir)
        implements ConsoleContext {
}
