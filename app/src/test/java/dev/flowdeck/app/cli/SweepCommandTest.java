package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.engine.config.SettingsException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SweepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new SweepCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flowdeck: error: " + e.getMessage());
            return e instanceof SettingsException ? 2 : 70;
        });
        return cli.execute(args);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void printsOneJsonObjectPerLoadStep() throws Exception {
        int code = run("--service", "constant", "--service-ms", "10", "--servers", "1", "--loads", "0.2,0.5,0.8,1.2",
                "--clock", "simulated", "--jobs", "20000", "--seed", "1");
        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> steps = lines();
        assertThat(steps).hasSize(4);
        JsonNode first = steps.get(0);
        assertThat(first.get("rho").asDouble()).isEqualTo(0.2);
        assertThat(first.get("offered_per_s").asDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(first.get("throughput_per_s").asDouble()).isCloseTo(20.0, within(1.0));
        assertThat(first.get("latency_ms").get("mean").asDouble()).isCloseTo(first.get("theory_mean_ms").asDouble(), within(0.5));
        assertThat(first.get("latency_ms").has("p50") && first.get("latency_ms").has("p99")).isTrue();
        assertThat(first.get("theory").asText()).contains("M/D/1");
        JsonNode latency = first.get("latency_ms");
        assertThat(latency.get("mean_estimator").asText()).isEqualTo("control variates: arrival gap, auxiliary M/M/1");
        assertThat(latency.get("mean_raw").asDouble()).isCloseTo(first.get("theory_mean_ms").asDouble(), within(0.5));
        assertThat(latency.get("mean_ci95").asDouble()).isPositive().isLessThan(latency.get("mean_raw_ci95").asDouble());
        JsonNode over = steps.get(3).get("latency_ms");
        assertThat(over.get("mean_estimator").asText()).isEqualTo("raw sample mean (at or above capacity)");
        assertThat(over.get("mean").asDouble()).isEqualTo(over.get("mean_raw").asDouble());
        assertThat(steps.get(3).get("theory_mean_ms").isNull()).isTrue();
        assertThat(steps.get(3).get("throughput_per_s").asDouble()).isCloseTo(100.0, within(2.0));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).get("latency_ms").get("mean").asDouble())
                    .isGreaterThanOrEqualTo(steps.get(i - 1).get("latency_ms").get("mean").asDouble());
        }
    }

    @Test
    void replicationsPrintTheSpreadOfTheRawMeanAndOfTheEstimatePerLoadBelowCapacity() throws Exception {
        int code = run("--service", "exponential", "--service-ms", "100", "--servers", "4", "--loads", "0.8,1.2",
                "--jobs", "5000", "--seed", "1", "--replications", "4");
        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> rows = lines();
        assertThat(rows).hasSize(1); // 1.2 has no theory to compare with
        JsonNode r = rows.get(0);
        assertThat(r.get("rho").asDouble()).isEqualTo(0.8);
        assertThat(r.get("seeds").asInt()).isEqualTo(4);
        assertThat(r.get("raw").get("within_5pct").asInt()).isBetween(0, 4);
        assertThat(r.get("estimate").get("sd_pct").asDouble()).isLessThan(r.get("raw").get("sd_pct").asDouble());
        assertThat(r.get("estimate").has("ci95_covers_theory")).isTrue();
        assertThat(r.get("mean_estimator").asText()).isEqualTo("control variates: arrival gap, service time, fast single server");

        assertThat(run("--replications", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--replications needs at least 2 seeds (got 1)");
    }

    @Test
    void badValuesEndInOneClearLine() {
        assertThat(run("--service", "gamma")).isEqualTo(2);
        assertThat(err.toString()).contains("service distribution 'gamma' is not known: use one of constant, exponential");
        assertThat(run("--loads", "0.5,abc")).isEqualTo(2);
        assertThat(err.toString()).contains("abc");
        assertThat(run("--servers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("servers must be between 1 and 1024 (got 0)");
        assertThat(out.toString()).isEmpty();
    }
}
