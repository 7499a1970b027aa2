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
}
