package dev.flowdeck.app.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Loads (without initialising) the classes the first page needs on a background thread while the FX thread builds
 * the window shell: on a multi-core machine the window appears sooner. Loading without initialising runs no static
 * code, so it is safe off the FX thread; a missing class is simply skipped.
 */
final class ClassWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ClassWarmUp.class);
    private static final List<String> CLASSES = List.of(
            "javafx.scene.control.MenuBar", "javafx.scene.control.skin.MenuBarSkin", "javafx.scene.control.Menu",
            "javafx.scene.control.MenuItem", "javafx.scene.control.CheckMenuItem", "javafx.scene.control.SeparatorMenuItem",
            "javafx.scene.input.KeyCodeCombination", "javafx.scene.control.ToggleButton", "javafx.scene.control.ToggleGroup",
            "javafx.scene.control.skin.ToggleButtonSkin", "javafx.scene.control.Tooltip", "javafx.scene.control.ProgressBar",
            "javafx.scene.control.skin.ProgressBarSkin", "javafx.scene.control.skin.LabelSkin", "javafx.scene.control.skin.ButtonSkin",
            "javafx.scene.shape.Circle", "atlantafx.base.theme.PrimerLight", "atlantafx.base.theme.PrimerDark",
            "dev.flowdeck.app.ui.shell.ShellView", "dev.flowdeck.app.ui.shell.ShellViewModel",
            "io.fair_acc.chartfx.XYChart", "io.fair_acc.chartfx.Chart", "io.fair_acc.chartfx.axes.spi.DefaultNumericAxis",
            "io.fair_acc.chartfx.axes.spi.CategoryAxis", "io.fair_acc.chartfx.axes.spi.AbstractAxis",
            "io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer", "io.fair_acc.chartfx.renderer.spi.GridRenderer",
            "io.fair_acc.chartfx.legend.spi.DefaultLegend", "io.fair_acc.chartfx.ui.css.DataSetNode",
            "io.fair_acc.chartfx.ui.css.CssPropertyFactory", "io.fair_acc.chartfx.ui.HiddenSidesPane",
            "io.fair_acc.chartfx.ui.layout.ChartPane", "io.fair_acc.chartfx.ui.ToolBarFlowPane",
            "io.fair_acc.dataset.spi.CircularDoubleErrorDataSet", "io.fair_acc.dataset.spi.DoubleDataSet",
            "atlantafx.base.controls.ToggleSwitch", "atlantafx.base.controls.ToggleSwitchSkin",
            "javafx.scene.control.Slider", "javafx.scene.control.skin.SliderSkin", "javafx.scene.control.ComboBox",
            "javafx.scene.control.skin.ComboBoxListViewSkin", "javafx.scene.control.ListView",
            "javafx.scene.control.skin.ListViewSkin", "javafx.scene.control.ScrollPane",
            "javafx.scene.control.skin.ScrollPaneSkin", "javafx.scene.control.MenuButton",
            "javafx.scene.control.skin.MenuButtonSkin", "javafx.scene.shape.Polyline", "javafx.scene.canvas.Canvas",
            "dev.flowdeck.app.ui.pipeline.PipelineView", "dev.flowdeck.app.ui.pipeline.StageCardView",
            "dev.flowdeck.app.ui.pipeline.ControlsPanel", "dev.flowdeck.app.ui.pipeline.TileView",
            "dev.flowdeck.app.ui.charts.ChartCard", "dev.flowdeck.app.ui.charts.Charts");

    private ClassWarmUp() {
    }

    static void start() {
        Thread t = new Thread(() -> {
            ClassLoader loader = ClassWarmUp.class.getClassLoader();
            for (String name : CLASSES) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    log.debug("warm-up skipped {}: {}", name, e.toString());
                }
            }
        }, "flowdeck-class-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
