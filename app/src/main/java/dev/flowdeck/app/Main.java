package dev.flowdeck.app;

import dev.flowdeck.app.bench.BenchCommand;
import dev.flowdeck.app.bench.BenchTailCommand;
import dev.flowdeck.app.bench.BenchUiCommand;
import dev.flowdeck.app.bench.PanBenchmark;
import dev.flowdeck.app.cli.FlowdeckCommand;
import dev.flowdeck.app.cli.TopologyCommand;
import dev.flowdeck.app.cli.HeadlessRun;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.db.DatabaseException;
import dev.flowdeck.engine.kafka.KafkaUnavailableException;
import dev.flowdeck.engine.source.SeedException;
import dev.flowdeck.infra.InfraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/**
 * The launcher. It does not extend {@code javafx.application.Application}, so every jar (JavaFX included) can stay
 * on the class path. Errors that the user can fix end in one clear line on stderr and a non-zero exit code.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> log.error("uncaught exception on thread {}", t.getName(), e));
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The command line with every subcommand and Flowdeck's error handling; also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlowdeckCommand());
        // The benchmarks depend on the command line, not the other way round: the composition root adds them.
        cli.addSubcommand(new BenchCommand()).addSubcommand(new BenchTailCommand()).addSubcommand(new BenchUiCommand());
        ((TopologyCommand) cli.getSubcommands().get("topology").getCommand()).viewBench(PanBenchmark::jsonLines);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = userMessage(e);
            if (message == null) {
                log.error("flowdeck failed", e);
                cmd.getErr().println("flowdeck: error: " + e);
                return 70;
            }
            log.debug("flowdeck failed", e);
            cmd.getErr().println("flowdeck: error: " + message);
            return e instanceof KafkaUnavailableException || e instanceof DatabaseException || e instanceof InfraException
                    ? HeadlessRun.EXIT_UNREACHABLE : CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    private static String userMessage(Throwable e) {
        if (e instanceof SettingsException || e instanceof SeedException || e instanceof DatabaseException
                || e instanceof KafkaUnavailableException || e instanceof InfraException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return null;
    }
}
