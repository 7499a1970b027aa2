package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.app.ui.logs.LogRing;
import dev.flowdeck.app.ui.logs.RingAppender;
import dev.flowdeck.app.ui.settings.ProfileStore;
import dev.flowdeck.app.ui.shell.UiPreferences;
import javafx.application.Application;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;

/**
 * The JavaFX application: reads preferences and profiles before the toolkit starts ({@link #init()}, not the FX
 * thread), then opens the {@link Console} window. Errors on the FX thread are logged and shown, never swallowed.
 */
public final class ConsoleApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);
    private UiPreferences prefs;
    private ProfileStore profiles;
    private LogRing logs;
    private Console console;

    @Override
    public void init() {
        log.debug("console init at {} ms, {} ms CPU", ManagementFactory.getRuntimeMXBean().getUptime(), cpu());
        ClassWarmUp.start();
        Console.Config config = ConsoleLauncher.current().config();
        logs = RingAppender.install(5_000);
        prefs = UiPreferences.load(config.configDir());
        profiles = ProfileStore.load(config.configDir());
    }

    @Override
    public void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> showError(e));
        log.debug("console start at {} ms, {} ms CPU", ManagementFactory.getRuntimeMXBean().getUptime(), cpu());
        console = new Console(ConsoleLauncher.current().config(), prefs, profiles, logs, new FxTaskRunner());
        log.debug("console built at {} ms, {} ms CPU", ManagementFactory.getRuntimeMXBean().getUptime(), cpu());
        console.show(stage);
        long visibleMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuMs = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1_000_000;
        log.info("console window visible {} ms after the JVM started ({} ms of CPU time so far)", visibleMs, cpuMs);
        ConsoleLauncher.current().task().start(console, visibleMs);
    }

    static long cpu() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1_000_000;
    }

    private static void showError(Throwable e) {
        log.error("unexpected error on the FX thread", e);
        try {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
            alert.setHeaderText("Something went wrong: " + e.getClass().getSimpleName());
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            alert.getDialogPane().setExpandableContent(details);
            alert.show();
        } catch (RuntimeException again) {
            log.error("could not show the error dialog", again);
        }
    }
}
