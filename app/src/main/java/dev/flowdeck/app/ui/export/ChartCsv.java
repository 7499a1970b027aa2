package dev.flowdeck.app.ui.export;

import io.fair_acc.dataset.DataSet;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A chart's data as CSV, one row per point: {@code series,x,y} (with an ISO time column for time axes). Each data set
 * is copied under its read lock, off the FX thread, so the file shows one consistent moment per series.
 */
public final class ChartCsv {
    private ChartCsv() {
    }

    public static void write(Path file, String xName, String yName, boolean timeAxis, List<? extends DataSet> sets) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(timeAxis ? "series,time,epoch_s," + quote(yName) + "\n" : "series," + quote(xName) + "," + quote(yName) + "\n");
            for (DataSet ds : sets) {
                double[][] xy = ds.lock().readLockGuard(() -> {
                    int n = ds.getDataCount();
                    double[][] copy = new double[2][n];
                    for (int i = 0; i < n; i++) {
                        copy[0][i] = ds.get(DataSet.DIM_X, i);
                        copy[1][i] = ds.get(DataSet.DIM_Y, i);
                    }
                    return copy;
                });
                String name = quote(ds.getName());
                for (int i = 0; i < xy[0].length; i++) {
                    double x = xy[0][i];
                    if (timeAxis) {
                        Instant t = Instant.ofEpochMilli(Math.round(x * 1000));
                        w.write(name + "," + t + "," + String.format(Locale.ROOT, "%.3f", x) + "," + num(xy[1][i]) + "\n");
                    } else {
                        w.write(name + "," + num(x) + "," + num(xy[1][i]) + "\n");
                    }
                }
            }
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
