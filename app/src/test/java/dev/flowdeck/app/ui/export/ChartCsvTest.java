package dev.flowdeck.app.ui.export;

import io.fair_acc.dataset.spi.DoubleDataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartCsvTest {
    @Test
    void writesOneRowPerPointWithTheSeriesName(@TempDir Path dir) throws Exception {
        DoubleDataSet a = new DoubleDataSet("edge, p99");
        a.set(new double[] {1_700_000_000.5, 1_700_000_001.0}, new double[] {4.5, 5.25});
        DoubleDataSet b = new DoubleDataSet("cloud");
        b.set(new double[] {1_700_000_000.5}, new double[] {101});
        Path file = dir.resolve("x.csv");
        ChartCsv.write(file, "time", "latency ms", true, List.of(a, b));
        assertThat(Files.readAllLines(file)).containsExactly(
                "series,time,epoch_s,latency ms",
                "\"edge, p99\",2023-11-14T22:13:20.500Z,1700000000.500,4.50000",
                "\"edge, p99\",2023-11-14T22:13:21Z,1700000001.000,5.25000",
                "cloud,2023-11-14T22:13:20.500Z,1700000000.500,101.000");
    }

    @Test
    void plainAxesWriteXAndY(@TempDir Path dir) throws Exception {
        DoubleDataSet a = new DoubleDataSet("sweep");
        a.set(new double[] {100, 200}, new double[] {10, 12});
        Path file = dir.resolve("y.csv");
        ChartCsv.write(file, "throughput req/s", "mean latency ms", false, List.of(a));
        assertThat(Files.readAllLines(file)).containsExactly("series,throughput req/s,mean latency ms",
                "sweep,100.000,10.0000", "sweep,200.000,12.0000");
    }
}
