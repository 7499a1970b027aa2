package dev.flowdeck.app.ui;

import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.application.Application;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Opens the console window and returns when it is closed (JavaFX allows one launch per JVM). */
public final class ConsoleLauncher {
    /** What {@link ConsoleApp} opens; JavaFX builds the application itself, so this is the one hand-over. */
    record Launch(Console.Config config, WindowTask task) {
    }

    /** Work that runs once the window is visible, e.g. a benchmark; it closes the window when done. */
    @FunctionalInterface
    public interface WindowTask {
        WindowTask NONE = (console, windowVisibleMs) -> {
        };

        /** Called on the FX thread right after the window is shown. */
        void start(Console console, double windowVisibleMs);
    }

    private static final AtomicReference<Launch> launch = new AtomicReference<>();

    private ConsoleLauncher() {
    }

    public static int launch(Infrastructure.Options connection) {
        open(connection, new PipelineSettings(), WindowTask.NONE);
        return 0;
    }

    /** Opens the window with these pipeline settings and runs the task once it is visible; returns when it is closed. */
    public static void open(Infrastructure.Options connection, PipelineSettings settings, WindowTask task) {
        launch.set(new Launch(new Console.Config(connection.dataDir(), AppPaths.configDir(), commandLineProfile(connection),
                true, settings), task));
        Application.launch(ConsoleApp.class);
    }

    /** Connections given on the command line become a profile of their own, not saved. */
    static Optional<Profile> commandLineProfile(Infrastructure.Options o) {
        if (o.embeddedKafka() && o.embeddedDatabase()) {
            return Optional.empty();
        }
        return Optional.of(new Profile("Command line", Profile.Kind.EXTERNAL, o.bootstrapServers(), o.kafkaProperties(),
                o.jdbcUrl(), o.dbUser(), o.dbPassword(), false));
    }

    static Launch current() {
        return launch.get();
    }
}
