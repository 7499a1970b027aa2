package dev.flowdeck.app.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.ColorPalette;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;

/**
 * Builds the console's ChartFX charts the one way they should be: animation off, point reduction on, markers off
 * for lines, the AtlantaFX palette (so both themes colour them), and no hover toolbar.
 */
public final class Charts {
    /** Tick labels without exponent or unit prefix games: 0, 250, 1.5k, 20k, 1.2M. */
    static final javafx.util.StringConverter<Number> COMPACT = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = n.doubleValue();
            double a = Math.abs(v);
            if (a >= 1_000_000) {
                return trim(v / 1_000_000) + "M";
            }
            if (a >= 1_000) {
                return trim(v / 1_000) + "k";
            }
            return trim(v);
        }

        @Override
        public Number fromString(String s) {
            return Double.valueOf(s);
        }
    };

    /** Epoch seconds as wall-clock time, always HH:mm:ss (ChartFX would add milliseconds on short spans). */
    static final javafx.util.StringConverter<Number> CLOCK = new javafx.util.StringConverter<>() {
        private final java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault());

        @Override
        public String toString(Number n) {
            return format.format(java.time.Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)));
        }

        @Override
        public Number fromString(String s) {
            throw new UnsupportedOperationException("time labels are not parsed");
        }
    };

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 || v == Math.rint(v) ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private Charts() {
    }

    /** A time-series chart: x is wall-clock seconds shown as HH:mm:ss, y has a name and a unit. */
    public static XYChart timeSeries(String yName, String yUnit) {
        DefaultNumericAxis x = new DefaultNumericAxis();
        x.setTimeAxis(true);
        x.setAutoUnitScaling(false);
        x.getStyleClass().add("time-axis"); // the HH:mm:ss ticks say it: no axis label
        x.setTickLabelFormatter(CLOCK);
        x.setAutoRangeRounding(false);
        x.setMaxMajorTickLabelCount(6);
        x.setMinorTickCount(0);
        DefaultNumericAxis y = valueAxis(yName, yUnit);
        return chart(x, y);
    }

    public static DefaultNumericAxis valueAxis(String name, String unit) {
        DefaultNumericAxis y = new DefaultNumericAxis(name, unit);
        y.setSide(Side.LEFT);
        y.setForceZeroInRange(true);
        y.setAutoRangeRounding(true);
        y.setAutoUnitScaling(false);
        y.setTickLabelFormatter(COMPACT);
        y.setMinorTickCount(0);
        y.setMaxMajorTickLabelCount(6);
        return y;
    }

    public static XYChart chart(DefaultNumericAxis x, DefaultNumericAxis y) {
        XYChart chart = new XYChart(x, y);
        chart.setAnimated(false);
        chart.setColorPalette(ColorPalette.ATLANTAFX);
        chart.setLegendVisible(true);
        chart.getToolBar().setVisible(false);
        chart.getToolBar().setManaged(false);
        // No hover toolbar at all: ChartFX slides it in over the plot; the card's menu has what the console offers.
        chart.getMenuPane().setTop(null);
        chart.getMenuPane().setTriggerDistance(0);
        chart.getStyleClass().add("live-chart");
        chart.setMinSize(200, 160);
        chart.setPrefSize(360, 240);
        lines(renderer(chart));
        return chart;
    }

    /** The chart's first renderer (XYChart always has one). */
    public static ErrorDataSetRenderer renderer(XYChart chart) {
        return (ErrorDataSetRenderer) chart.getRenderers().get(0);
    }

    /** Lines, no markers, no error bars, point reduction on. */
    public static ErrorDataSetRenderer lines(ErrorDataSetRenderer r) {
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(false);
        r.setPointReduction(true);
        r.setDashSize(0);
        return r;
    }

    /** Markers only, for scattered points. */
    public static ErrorDataSetRenderer points(ErrorDataSetRenderer r) {
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NONE);
        r.setDrawMarker(true);
        r.setPointReduction(true);
        return r;
    }

    /** Filled bars. */
    public static ErrorDataSetRenderer bars(ErrorDataSetRenderer r) {
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NONE);
        r.setDrawMarker(false);
        r.setDrawBars(true);
        r.setDynamicBarWidth(true);
        r.setBarWidthPercentage(60);
        r.setShiftBar(true);
        r.setshiftBarOffset(4);
        return r;
    }

    /** Adds {@code sets} to a renderer: call on the FX thread while building the view. */
    public static void add(ErrorDataSetRenderer r, DataSet... sets) {
        r.getDatasets().addAll(sets);
    }
}
