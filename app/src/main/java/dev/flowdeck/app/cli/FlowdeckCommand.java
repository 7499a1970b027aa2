package dev.flowdeck.app.cli;

import dev.flowdeck.app.ui.ConsoleLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flowdeck}: the console by default; {@code --headless} runs the pipeline without a window. */
@Command(name = "flowdeck", mixinStandardHelpOptions = true, versionProvider = FlowdeckCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"A desktop control console for live data pipelines: database rows become Kafka events, are "
                + "processed, and are charted with the time spent at every hop.",
                "Without options it opens the console window on the embedded broker and database."},
        subcommands = {CommandLine.HelpCommand.class, SweepCommand.class, TopologyCommand.class,
                CaptureCommand.class, SqlCommand.class, SoakCommand.class, MessagesCommand.class,
                WorkerCommand.class})
public final class FlowdeckCommand implements Callable<Integer> {
    @Option(names = "--headless", description = "Run the pipeline without a window, then print a JSON summary on stdout.")
    boolean headless;

    @Mixin
    RunOptions run;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ProcessorOptions processor;

    @Mixin
    TierOptions tiers;

    @Override
    public Integer call() throws Exception {
        if (headless) {
            List<HeadlessRun.HeadlessExtension> extensions = new ArrayList<>();
            processor.extension().ifPresent(extensions::add);
            tiers.extension().ifPresent(extensions::add);
            return new HeadlessRun(connection, run, extensions, System.out, System.err).execute();
        }
        return ConsoleLauncher.launch(connection.toInfrastructure());
    }

    /** The version from the jar's manifest (the POM's version). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FlowdeckCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Flowdeck " + (v == null ? "(development build)" : v)};
        }
    }
}
