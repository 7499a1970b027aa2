package dev.flowdeck.app.ui.shell;

import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.kit.PageSection;
import dev.flowdeck.engine.StageState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The window's frame: menu bar, navigation (sections of pages from the console's page registry), the current page, and
 * the status bar. It shows one page at a time, building it on first use and telling pages when they are shown or
 * hidden so hidden pages stop their live updates.
 */
public final class ShellView extends BorderPane {
    /** What the menus do; the composition root supplies it. */
    public interface Actions {
        void exportWindow();

        void exportHoveredChart();

        void startAll();

        void stopAll();

        void quit();
    }

    private final Map<String, ConsolePage> pages = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final StackPane host = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private ConsolePage current;
    private java.util.function.Consumer<String> onPageChange = id -> { };

    public ShellView(ShellViewModel vm, List<PageSection> sections, Actions actions) {
        setId("shell");
        getStyleClass().add("shell");
        sections.forEach(s -> s.pages().forEach(p -> pages.put(p.id(), p)));
        setTop(menus(vm, actions));
        setLeft(navigation(sections));
        host.getStyleClass().add("page-host");
        setCenter(host);
        setBottom(statusBar(vm));
        nav.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one page is always shown
            } else {
                show((String) now.getUserData());
            }
        });
    }

    public void onPageChange(java.util.function.Consumer<String> listener) {
        onPageChange = listener;
    }

    /** Shows page {@code id} (FX thread). */
    public void select(String id) {
        ToggleButton b = navButtons.get(id);
        if (b != null) {
            b.setSelected(true);
        }
    }

    public String currentPage() {
        return current == null ? null : current.id();
    }

    private void show(String id) {
        ConsolePage next = pages.get(id);
        if (next == null || next == current) {
            return;
        }
        if (current != null) {
            current.hidden();
        }
        current = next;
        Node content = next.content();
        host.getChildren().setAll(content);
        next.shown();
        onPageChange.accept(id);
    }

    /** Closes every page (the app is exiting). */
    public void closePages() {
        for (ConsolePage p : pages.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ShellView.class).warn("closing page {}: {}", p.id(), e.toString());
            }
        }
    }

    private Node navigation(List<PageSection> sections) {
        VBox box = new VBox(2);
        box.setId("navigation");
        box.getStyleClass().add("nav");
        Label brand = new Label("Flowdeck");
        brand.getStyleClass().add("brand");
        box.getChildren().add(brand);
        int index = 1;
        for (PageSection s : sections) {
            Label heading = new Label(s.title().toUpperCase(Locale.ROOT));
            heading.getStyleClass().add("nav-section");
            box.getChildren().add(heading);
            for (ConsolePage p : s.pages()) {
                ToggleButton b = new ToggleButton(p.title());
                b.setId("nav-" + p.id());
                b.setUserData(p.id());
                b.setToggleGroup(nav);
                b.getStyleClass().add("nav-item");
                b.setMaxWidth(Double.MAX_VALUE);
                b.setAlignment(Pos.CENTER_LEFT);
                if (index <= 9) {
                    b.setTooltip(new Tooltip(p.title() + " (Ctrl+" + index + ")"));
                }
                index++;
                navButtons.put(p.id(), b);
                box.getChildren().add(b);
            }
        }
        return box;
    }

    private MenuBar menus(ShellViewModel vm, Actions actions) {
        MenuItem exportWindow = new MenuItem("Save window as PNG…");
        exportWindow.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        exportWindow.setOnAction(e -> actions.exportWindow());
        MenuItem exportChart = new MenuItem("Save chart under pointer as PNG…");
        exportChart.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        exportChart.setOnAction(e -> actions.exportHoveredChart());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> actions.quit());
        Menu file = new Menu("File", null, exportWindow, exportChart, new SeparatorMenuItem(), quit);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark-theme");
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        dark.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        List<MenuItem> goTo = new ArrayList<>();
        int i = 1;
        for (ConsolePage p : pages.values()) {
            MenuItem item = new MenuItem(p.title());
            if (i <= 9) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i)), KeyCombination.SHORTCUT_DOWN));
            }
            i++;
            String id = p.id();
            item.setOnAction(e -> select(id));
            goTo.add(item);
        }
        Menu view = new Menu("View");
        view.getItems().add(dark);
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().addAll(goTo);

        MenuItem startAll = new MenuItem("Start all stages");
        startAll.setOnAction(e -> actions.startAll());
        MenuItem stopAll = new MenuItem("Stop all stages");
        stopAll.setOnAction(e -> actions.stopAll());
        Menu pipeline = new Menu("Pipeline", null, startAll, stopAll);

        MenuBar bar = new MenuBar(file, view, pipeline);
        bar.setId("menu-bar");
        return bar;
    }

    private Node statusBar(ShellViewModel vm) {
        Label profile = new Label();
        profile.textProperty().bind(Bindings.concat("Profile: ", vm.profileProperty()));
        profile.setId("status-profile");
        profile.getStyleClass().add("status-item");

        Node broker = light("status-broker", vm.brokerProperty(), vm.brokerTextProperty(), vm.brokerDetailProperty());
        Node db = light("status-database", vm.databaseProperty(), vm.databaseTextProperty(), vm.databaseDetailProperty());
        Label rate = new Label();
        rate.textProperty().bind(vm.eventsPerSProperty());
        rate.setId("status-rate");
        rate.getStyleClass().addAll("status-item", "status-rate");

        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressVisibleProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setPrefWidth(140);
        progress.setId("status-progress");
        progress.getStyleClass().add("small");
        Label phase = new Label();
        phase.textProperty().bind(vm.phaseTextProperty());
        phase.setId("status-phase");
        phase.getStyleClass().add("status-item");
        vm.failedProperty().addListener((o, was, now) -> phase.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), now));

        Label notice = new Label();
        notice.textProperty().bind(vm.noticeProperty());
        notice.setId("status-notice");
        notice.getStyleClass().addAll("status-item", "status-notice");
        notice.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label disk = new Label();
        disk.textProperty().bind(vm.diskProperty());
        disk.setId("status-disk");
        disk.getStyleClass().add("status-item");
        disk.visibleProperty().bind(vm.diskProperty().isNotEmpty().and(vm.diskWarningProperty().isEmpty()));
        disk.managedProperty().bind(disk.visibleProperty());
        Label diskWarning = new Label();
        diskWarning.textProperty().bind(vm.diskWarningProperty());
        diskWarning.setId("status-disk-warning");
        diskWarning.getStyleClass().addAll("status-item", "status-warning");
        diskWarning.setMinWidth(0);
        diskWarning.setWrapText(false);
        Tooltip diskTip = new Tooltip();
        diskTip.textProperty().bind(vm.diskWarningProperty());
        diskWarning.setTooltip(diskTip);
        diskWarning.visibleProperty().bind(vm.diskWarningProperty().isNotEmpty());
        diskWarning.managedProperty().bind(diskWarning.visibleProperty());

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll("flat", "small", "theme-toggle");
        theme.textProperty().bind(Bindings.when(vm.darkProperty()).then("Light theme").otherwise("Dark theme"));
        theme.setOnAction(e -> vm.darkProperty().set(!vm.darkProperty().get()));

        HBox bar = new HBox(14, profile, broker, db, rate, progress, phase, diskWarning, spacer, notice, disk, theme);
        // a long warning is cut (its tooltip has it whole); the lights and figures beside it keep their width
        for (Node fixed : List.of(profile, broker, db, rate, disk, theme)) {
            ((Region) fixed).setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Node light(String id, javafx.beans.value.ObservableObjectValue<StageState> state,
                              javafx.beans.value.ObservableStringValue text, javafx.beans.value.ObservableStringValue detail) {
        Circle dot = new Circle(4);
        dot.getStyleClass().add("status-light");
        Label label = new Label();
        label.textProperty().bind(text);
        HBox box = new HBox(5, dot, label);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId(id);
        box.getStyleClass().add("status-item");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(detail);
        Tooltip.install(box, tip);
        Runnable restyle = () -> {
            box.getStyleClass().removeIf(c -> c.startsWith("state-"));
            box.getStyleClass().add("state-" + state.get().name().toLowerCase(Locale.ROOT));
        };
        state.addListener((o, was, now) -> restyle.run());
        restyle.run();
        return box;
    }

    /** The current page's content node, e.g. for tests. */
    public Node currentContent() {
        return host.getChildren().isEmpty() ? null : host.getChildren().get(0);
    }

}
