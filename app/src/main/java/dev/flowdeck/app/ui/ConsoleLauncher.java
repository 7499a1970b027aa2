package dev.flowdeck.app.ui;

import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.app.cli.ConnectionOptions;
import dev.flowdeck.app.bench.BenchPlan;
import dev.flowdeck.app.bench.BenchResult;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.application.Application;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Opens the console window and returns when it is closed (JavaFX allows one launch per JVM). */
public final class ConsoleLauncher {
    private static final AtomicReference<Console.Config> config = new AtomicReference<>();
    private static final AtomicReference<BenchPlan> bench = new AtomicReference<>();
    private static final AtomicReference<BenchResult> benchResult = new AtomicReference<>();

    private ConsoleLauncher() {
    }

    public static int launch(ConnectionOptions connection) {
        Infrastructure.Options o = connection.toInfrastructure();
        config.set(new Console.Config(o.dataDir(), AppPaths.configDir(), commandLineProfile(o), true, new PipelineSettings()));
        Application.launch(ConsoleApp.class);
        return 0;
    }

    /** Opens the window with the bench plan, returns what it measured (null if the window closed first). */
    public static BenchResult bench(ConnectionOptions connection, BenchPlan plan) {
        Infrastructure.Options o = connection.toInfrastructure();
        config.set(new Console.Config(o.dataDir(), AppPaths.configDir(), commandLineProfile(o), true, plan.settings()));
        bench.set(plan);
        Application.launch(ConsoleApp.class);
        return benchResult.get();
    }

    /** Connections given on the command line become a profile of their own, not saved. */
    static Optional<Profile> commandLineProfile(Infrastructure.Options o) {
        if (o.embeddedKafka() && o.embeddedDatabase()) {
            return Optional.empty();
        }
        return Optional.of(new Profile("Command line", Profile.Kind.EXTERNAL, o.bootstrapServers(), o.kafkaProperties(),
                o.jdbcUrl(), o.dbUser(), o.dbPassword(), false));
    }

    static Console.Config config() {
        return config.get();
    }

    static Optional<BenchPlan> benchPlan() {
        return Optional.ofNullable(bench.get());
    }

    static void benchFinished(BenchResult result) {
        benchResult.set(result);
    }
}
