package dev.flowdeck.app.cli;

import dev.flowdeck.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code flowdeck sql} on an embedded H2 data folder: CSV on stdout, refusals on stderr with exit 1. */
class SqlCommandTest {
    @TempDir
    Path dataDir;

    private record Run(int code, String out, String err) {
    }

    private Run sql(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "sql";
        all[1] = "--data-dir";
        all[2] = dataDir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void writesOnlyWhenAllowedAndPrintsRowsAsCsv() {
        Run refused = sql("INSERT INTO livedb(org, amount, region) VALUES ('a', 1, 'r')");
        assertThat(refused.code()).isEqualTo(SqlCommand.EXIT_FAILED);
        assertThat(refused.err()).contains("read-only mode");
        assertThat(refused.out()).isEmpty();

        Run insert = sql("--allow-writes", "INSERT INTO livedb(org, amount, region) VALUES ('a, b', 1.5, 'r')");
        assertThat(insert.code()).isZero();
        assertThat(insert.err()).contains("1 row affected", "committed");

        Run query = sql("SELECT org, amount FROM livedb");
        assertThat(query.code()).isZero();
        assertThat(query.out().lines()).containsExactly("org,amount", "\"a, b\",1.50");
    }

    @Test
    void theDatabaseRefusesFileWritesInReadOnlyMode(@TempDir Path out) {
        Path file = out.resolve("x.txt");
        Run r = sql("SELECT FILE_WRITE('x', '" + file + "')");
        assertThat(r.code()).isEqualTo(SqlCommand.EXIT_FAILED);
        assertThat(r.err()).contains("Admin rights are required");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aPostgresUserNeedsAJdbcUrl() {
        assertThat(sql("--db-user", "bob", "SELECT 1").code()).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
