package dev.flowdeck.app.cli;

import dev.flowdeck.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    @Test
    void helpListsTheHeadlessOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--headless", "--duration", "--max-rate", "--bootstrap-servers", "--jdbc-url");
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--headless", "--duration", "soon")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "--progress-every|0|--progress-every must be more than 0",
        "--duration|3000000h|longer than the longest allowed duration",
        "--topic|.|is not allowed by Kafka",
        "--topic|__consumer_offsets|keeps for its internal topics",
        "--bootstrap-servers|localhost:99999|a port is 1 to 65535",
    })
    void oddValuesGetOneClearLineAndExitCode2(String option, String value, String message, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--headless", "--data-dir", dir.toString(), option, value)).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(message);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
