package dev.flowdeck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsOneDeterministicJsonLineWithBothTopologies() throws Exception {
        String[] args = {"topology", "--seed", "7", "--clients", "300", "--peers-per-client", "3", "--peer-upload-mbps", "10", "--churn", "0.0"};
        String a = run(args);
        String b = run(args);
        assertThat(a).isEqualTo(b);
        assertThat(a.strip().lines()).hasSize(1);
        JsonNode d = JSON.readTree(a);
        for (String topology : new String[] {"flat", "hybrid"}) {
            JsonNode t = d.get(topology);
            assertThat(t.get("latency_ms").get("mean").isNumber()).isTrue();
            assertThat(t.get("latency_ms").get("p95").isNumber()).isTrue();
            for (String field : new String[] {"hops_mean", "offload", "origin_load", "success_rate"}) {
                assertThat(t.get(field).isNumber()).as(field).isTrue();
            }
        }
        assertThat(d.get("flat").get("offload").asDouble()).isZero();
        assertThat(d.get("hybrid").get("offload").asDouble()).isBetween(0.7, 1.0);
    }

    @Test
    void noPeersGiveIdenticalTopologyResults() throws Exception {
        JsonNode d = JSON.readTree(run("topology", "--clients", "200", "--peers-per-client", "0"));
        assertThat(d.get("hybrid")).isEqualTo(d.get("flat"));
    }

    @Test
    void failedNodesAreNamedInTheOutputAndChangeTheResult() throws Exception {
        JsonNode base = JSON.readTree(run("topology", "--clients", "200"));
        JsonNode failed = JSON.readTree(run("topology", "--clients", "200", "--fail", "origin", "edge-0"));
        assertThat(failed.get("topology").get("failed").toString()).isEqualTo("[\"origin\",\"edge-0\"]");
        assertThat(failed.get("flat").get("success_rate").asDouble()).isLessThan(base.get("flat").get("success_rate").asDouble());
        assertThat(failed.get("hybrid").get("success_rate").asDouble()).isGreaterThanOrEqualTo(failed.get("flat").get("success_rate").asDouble());
    }

    @Test
    void anUnknownNodeIsAClearUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("topology", "--clients", "100", "--fail", "edge-99")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--fail: no node 'edge-99'", "edge-0..edge-11", "client-0..client-99");
        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        assertThat(cli.execute("topology", "--churn", "2")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err2.toString()).contains("churn must be between 0 and 1 (was 2)");
    }

    @Test
    void theBenchmarkPrintsOneLinePerRound() throws Exception {
        String out = run("topology", "--bench", "--bench-nodes", "600", "--bench-rounds", "2");
        assertThat(out.strip().lines()).hasSize(2);
        JsonNode last = JSON.readTree(out.strip().lines().reduce((x, y) -> y).orElseThrow());
        assertThat(last.get("nodes").asInt()).isEqualTo(600);
        assertThat(last.get("total_ms").asDouble()).isPositive();
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }
}
