package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.kit.PageSection;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.app.ui.charts.ChartCard;
import dev.flowdeck.app.ui.export.Exporter;
import dev.flowdeck.app.ui.live.ConsoleSampler;
import dev.flowdeck.app.ui.live.FrameBuilder;
import dev.flowdeck.app.ui.live.FxFrameDispatcher;
import dev.flowdeck.app.ui.logs.LogRing;
import dev.flowdeck.app.ui.logs.LogsPage;
import dev.flowdeck.app.ui.logs.LogsFeed;
import dev.flowdeck.app.ui.settings.ConnectionTest;
import dev.flowdeck.app.host.DataFolderUsage;
import dev.flowdeck.app.ui.kit.Ticker;
import dev.flowdeck.app.ui.settings.DataFolderViewModel;
import dev.flowdeck.app.ui.settings.RetentionViewModel;
import dev.flowdeck.app.ui.settings.SettingsPage;
import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.retention.Retention;
import dev.flowdeck.app.ui.settings.SettingsViewModel;
import dev.flowdeck.app.ui.logs.SecretMask;
import dev.flowdeck.app.ui.pipeline.PipelinePage;
import dev.flowdeck.app.ui.sources.CaptureBoard;
import dev.flowdeck.app.ui.sources.SourcesPage;
import dev.flowdeck.app.ui.pipeline.PipelineViewModel;
import dev.flowdeck.app.ui.pipeline.TierControl;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.app.ui.settings.ProfileStore;
import dev.flowdeck.app.ui.shell.ShellView;
import dev.flowdeck.app.ui.shell.ShellViewModel;
import dev.flowdeck.app.ui.shell.Themes;
import dev.flowdeck.app.ui.shell.UiPreferences;
import dev.flowdeck.app.ui.processor.LiveProcessor;
import dev.flowdeck.app.ui.processor.ProcessorPage;
import dev.flowdeck.app.ui.tiers.LiveTiers;
import dev.flowdeck.engine.config.PipelineSettings;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console's composition: session, sampler, view models, pages and the window, wired once. {@link ConsoleApp}
 * uses it for the real window; UI tests build it in a TestFX stage. Everything slow (the broker, the database, the
 * pipeline, files) happens in the background; the window shows first.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final double DEFAULT_WIDTH = 1480;
    static final double DEFAULT_HEIGHT = 920;
    /** How often the data folder is measured (it walks a few hundred files). */
    static final long DISK_EVERY_MS = 10_000;

    /** How to open the console. */
    public record Config(Path dataDir, Path configDir, Optional<Profile> profileOverride, boolean autoStart,
                         PipelineSettings settings) {
    }

    private final Config config;
    private final UiPreferences prefs;
    private final ProfileStore profiles;
    private final TaskRunner tasks;
    private final ConsoleSession session;
    private final FrameBuilder frames;
    private final ConsoleSampler sampler;
    private final FxFrameDispatcher dispatcher = new FxFrameDispatcher();
    private final ShellViewModel shellVm;
    private final Exporter exporter;
    private final LiveTiers tiers;
    private final LiveProcessor processor;
    private final PipelinePage pipelinePage;
    private final CaptureBoard captures = new CaptureBoard();
    private final LogsPage logsPage;
    private final SettingsPage settingsPage;
    private final DataFolderViewModel dataFolder;
    private final RetentionViewModel retention;
    private final Ticker diskWatch;
    private final ShellView shell;
    private final StackPane root;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final BackgroundPriority priority = new BackgroundPriority();
    private Stage stage;

    public Console(Config config, UiPreferences prefs, ProfileStore profiles, LogRing logs, TaskRunner tasks) {
        this.config = config;
        this.prefs = prefs;
        this.profiles = profiles;
        this.tasks = tasks;
        Profile profile = config.profileOverride().orElseGet(profiles::selected);
        SecretMask.use(profile.secretValues());
        this.session = new ConsoleSession(config.dataDir(), profile, config.settings(),
                () -> Seeds.load(null, problem -> log.warn("seed: {}", problem)));
        session.onProfileChange(p -> SecretMask.use(p.secretValues()));
        this.processor = new LiveProcessor(() -> session.dataDir().resolve("streams"));
        this.tiers = new LiveTiers(1);
        session.addExtension(processor);
        session.addExtension(tiers);
        this.frames = new FrameBuilder(session);
        frames.addExtension(processor);
        frames.addExtension(tiers);
        this.sampler = new ConsoleSampler(frames, ConsoleSampler.DEFAULT_PERIOD);
        sampler.addSink(dispatcher);
        this.shellVm = new ShellViewModel(prefs.darkTheme());
        dispatcher.addListener(shellVm::apply);
        this.exporter = new Exporter(tasks, prefs, shellVm::notice);

        PipelineViewModel pipelineVm = new PipelineViewModel(session, tasks, this::tierControl);
        this.pipelinePage = new PipelinePage(pipelineVm, sampler, dispatcher, exporter);
        this.logsPage = new LogsPage(new LogsFeed(logs, session.recentEvents()));
        this.dataFolder = new DataFolderViewModel(config.dataDir(), () -> DataFolderUsage.measure(config.dataDir()),
                session::profile, tasks, this::resetData);
        dataFolder.compactProperty().addListener((o, was, now) -> shellVm.disk(now, dataFolder.warningProperty().get()));
        dataFolder.warningProperty().addListener((o, was, now) -> shellVm.disk(dataFolder.compactProperty().get(), now));
        restoreRetention(config.settings().retention());
        this.retention = new RetentionViewModel(config.settings().retention(), this::retentionStatus, r -> {
            prefs.retention(RetentionViewModel.ageText(r.maxAge()), r.maxRows());
            savePrefs();
        });
        this.diskWatch = new Ticker("flowdeck-data-folder", DISK_EVERY_MS, () -> Platform.runLater(() -> {
            dataFolder.refresh();
            retention.refreshStatus();
        }));
        this.settingsPage = new SettingsPage(new SettingsViewModel(profiles, tasks, session::profile, session::switchTo,
                ConnectionTest.REAL), dataFolder, retention);
        SessionContext context = new SessionContext(tasks, session, config.configDir());
        pipelinePage.showCaptures(captures);
        List<PageSection> sections = PageRegistry.sections(context,
                new PageRegistry.OwnPages(pipelinePage, logsPage, settingsPage, new SourcesPage(context, captures),
                        new ProcessorPage(processor::running, tasks)));
        this.shell = new ShellView(shellVm, sections, new ShellView.Actions() {
            @Override
            public void exportWindow() {
                exporter.savePng(root, "window");
            }

            @Override
            public void exportHoveredChart() {
                Optional<ChartCard> card = ChartCard.hovered();
                if (card.isPresent()) {
                    card.get().savePng();
                } else {
                    shellVm.notice("Point at a chart, then press Ctrl+S to save it (Ctrl+Shift+S saves the window)");
                }
            }

            @Override
            public void startAll() {
                pipelineVm.startAll();
            }

            @Override
            public void stopAll() {
                pipelineVm.stopAll();
            }

            @Override
            public void quit() {
                close(Platform::exit);
            }
        });
        this.root = new StackPane(shell);
        root.setId("console-root");
    }

    /** Applies the retention saved from Settings; a value no longer valid keeps the default, with a warning. */
    private void restoreRetention(RetentionSettings target) {
        prefs.retention().ifPresent(saved -> {
            try {
                target.maxAge(RetentionViewModel.parseAge(saved.age())).maxRows(RetentionViewModel.parseRows(saved.rows()));
            } catch (IllegalArgumentException | SettingsException e) {
                log.warn("ignoring the saved retention in {}: {}", UiPreferences.FILE, e.getMessage());
            }
        });
    }

    /** The Retention stage's line ("keeping 24 h or 20,000,000 rows of livedb; N older rows trimmed"). */
    private Optional<String> retentionStatus() {
        return session.pipeline().flatMap(p -> p.stage(Retention.ID)).map(s -> s.status().message());
    }

    /** Reset data: the Sources page's capture stops first (it holds the database and the broker), then the session. */
    private void resetData() {
        captures.close();
        session.resetEmbeddedData();
    }

    private Optional<TierControl> tierControl() {
        return Optional.of(tiers);
    }

    public LiveTiers tiers() {
        return tiers;
    }

    /** Puts the console in {@code window} and shows it, then starts sampling and (if configured) the pipeline. */
    public void show(Stage window) {
        this.stage = window;
        boolean dark = prefs.darkTheme();
        Themes.apply(dark);
        Rectangle2D bounds = placement(window);
        Scene scene = new Scene(root, bounds.getWidth(), bounds.getHeight());
        Themes.style(scene, dark);
        shellVm.darkProperty().addListener((o, was, now) -> {
            Themes.apply(now);
            Themes.style(scene, now);
            prefs.darkTheme(now);
            savePrefs();
        });
        window.setScene(scene);
        window.titleProperty().bind(shellVm.titleProperty());
        window.setWidth(bounds.getWidth());
        window.setHeight(bounds.getHeight());
        window.setOnCloseRequest(e -> {
            e.consume();
            close(Platform::exit);
        });
        double x = window.getX();
        double y = window.getY();
        window.show();
        // Some window managers (openbox under Xvfb) map a new window at a tiny size: apply the placement again.
        window.setX(x);
        window.setY(y);
        window.setWidth(bounds.getWidth());
        window.setHeight(bounds.getHeight());
        window.setMinWidth(960);
        window.setMinHeight(640);
        // The window is on screen now; the page (charts and all) is built on the next pulse, the rest in the background.
        Platform.runLater(() -> {
            shell.onPageChange(prefs::page);
            shell.select(prefs.page().filter(id -> !id.isBlank()).orElse("pipeline"));
            if (shell.currentPage() == null) {
                shell.select("pipeline");
            }
            sampler.start();
            priority.start();
            diskWatch.start();
        });
        if (config.autoStart()) {
            startSession();
        }
    }

    private Rectangle2D placement(Stage window) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        if (screen.getWidth() < 800 || screen.getHeight() < 600) {
            screen = Screen.getPrimary().getBounds(); // some window managers report no work area at first
        }
        Optional<UiPreferences.Placement> saved = prefs.placement();
        double w = Math.min(saved.map(UiPreferences.Placement::width).orElse(DEFAULT_WIDTH), screen.getWidth());
        double h = Math.min(saved.map(UiPreferences.Placement::height).orElse(DEFAULT_HEIGHT), screen.getHeight());
        if (saved.isPresent() && onSomeScreen(saved.get())) {
            window.setX(saved.get().x());
            window.setY(saved.get().y());
            window.setMaximized(saved.get().maximized());
        } else {
            window.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
            window.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        }
        return new Rectangle2D(0, 0, w, h);
    }

    private static boolean onSomeScreen(UiPreferences.Placement p) {
        return !Screen.getScreensForRectangle(p.x(), p.y(), Math.min(p.width(), 100), Math.min(p.height(), 100)).isEmpty();
    }

    /** Starts the infrastructure and pipeline in the background; progress shows in the status bar. */
    public void startSession() {
        tasks.run("start pipeline", () -> {
            session.start();
            return null;
        }, ok -> { }, e -> shellVm.notice("Could not start: " + e.getMessage()));
    }

    /**
     * Stops pages, sampler, pipeline and infrastructure in the background with a "stopping" overlay, saves the window's
     * placement, then runs {@code done} on the FX thread. A watchdog runs {@code done} anyway after 20 s.
     */
    public void close(Runnable done) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        rememberPlacement();
        Label what = new Label("Stopping the pipeline and the embedded broker…");
        what.getStyleClass().add("overlay-text");
        VBox overlay = new VBox(12, new ProgressIndicator(), what);
        overlay.setId("closing-overlay");
        overlay.getStyleClass().add("closing-overlay");
        overlay.setAlignment(javafx.geometry.Pos.CENTER);
        root.getChildren().add(overlay);
        shell.setDisable(true);
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                done.run();
            }
        };
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(20_000);
                log.warn("closing took longer than 20 s; exiting anyway");
                Platform.runLater(finish);
            } catch (InterruptedException ignored) {
                // closed in time
            }
        }, "flowdeck-close-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        shell.closePages();
        Thread closer = new Thread(() -> {
            try {
                sampler.close();
                priority.close();
                diskWatch.close();
                captures.close(); // its slot or triggers stay, so the next start resumes
                session.close();
                prefs.save();
            } catch (RuntimeException e) {
                log.warn("closing the console: {}", e.toString(), e);
            } finally {
                watchdog.interrupt();
                Platform.runLater(() -> {
                    tasks.close();
                    finish.run();
                });
            }
        }, "flowdeck-close");
        closer.start();
    }

    private void rememberPlacement() {
        if (stage != null && stage.getWidth() > 0) {
            prefs.placement(new UiPreferences.Placement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized()));
        }
    }

    private void savePrefs() {
        tasks.run("save preferences", () -> {
            prefs.save();
            return null;
        }, ok -> { }, e -> { });
    }

    public ConsoleSession session() {
        return session;
    }

    public ShellView shell() {
        return shell;
    }

    public ShellViewModel shellViewModel() {
        return shellVm;
    }

    public PipelinePage pipelinePage() {
        return pipelinePage;
    }

    public LogsPage logsPage() {
        return logsPage;
    }

    public DataFolderViewModel dataFolder() {
        return dataFolder;
    }

    public SettingsPage settingsPage() {
        return settingsPage;
    }

    public Exporter exporter() {
        return exporter;
    }

    public FrameBuilder frames() {
        return frames;
    }

    public ConsoleSampler sampler() {
        return sampler;
    }

    public FxFrameDispatcher dispatcher() {
        return dispatcher;
    }

    public StackPane root() {
        return root;
    }

    public ProfileStore profiles() {
        return profiles;
    }

    public UiPreferences prefs() {
        return prefs;
    }
}
