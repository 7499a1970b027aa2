package dev.flowdeck.app.cli;

import dev.flowdeck.app.host.AppPaths;
import dev.flowdeck.app.host.Infrastructure;
import dev.flowdeck.engine.admin.SqlCancel;
import dev.flowdeck.engine.admin.SqlConsole;
import dev.flowdeck.engine.admin.SqlCsv;
import dev.flowdeck.engine.admin.SqlFailure;
import dev.flowdeck.engine.admin.SqlResult;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.infra.EmbeddedH2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck sql}: runs SQL against Flowdeck's database exactly as the SQL page does (the same
 * {@link SqlConsole}, read-only unless {@code --allow-writes}), prints the last result's rows as CSV on stdout, and
 * on a refusal or an error prints the message on stderr and exits 1.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run SQL against Flowdeck's database as the SQL page does: read-only unless --allow-writes "
                + "(the database itself refuses writes, file functions and DDL). The last statement's rows are printed "
                + "as CSV on stdout; a refusal or an error goes to stderr with exit code 1.",
                "Embedded H2 in --data-dir by default (the console must not have that folder open), or PostgreSQL "
                        + "with --jdbc-url and --db-user (password from " + ConnectionOptions.PASSWORD_VARIABLE + ")."})
public final class SqlCommand implements Callable<Integer> {
    public static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data folder whose embedded H2 database to use (default: the platform's application-data folder).")
    Path dataDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Use this PostgreSQL database instead of the embedded H2.")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user for --jdbc-url.")
    String dbUser;

    @Option(names = "--allow-writes", description = "Run the statements in one committed transaction (as 'Allow writes' on the SQL page).")
    boolean allowWrites;

    @Option(names = "--max-rows", paramLabel = "N", description = "The most rows printed (default: ${DEFAULT-VALUE}).")
    int maxRows = SqlConsole.DEFAULT_MAX_ROWS;

    @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL to run; several statements separated by ';'.")
    String statement;

    /**
     * Only the statement's result and message belong on this command's stdout and stderr: the database's and broker's
     * INFO lines would mix into what a script reads. Warnings and errors still show.
     */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
            logs.getLogger("dev.flowdeck").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Override
    public Integer call() throws IOException {
        quietLogs();
        if (jdbcUrl != null && dataDir != null) {
            throw new ParameterException(spec.commandLine(), "give --data-dir (embedded H2) or --jdbc-url (PostgreSQL), not both");
        }
        if (dbUser != null && jdbcUrl == null) {
            throw new ParameterException(spec.commandLine(), "--db-user needs --jdbc-url: the embedded database has its own user");
        }
        if (maxRows < 1) {
            throw new ParameterException(spec.commandLine(), "--max-rows must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedH2 h2 = null;
        try {
            DbSettings settings;
            if (jdbcUrl == null) {
                Path dir = dataDir != null ? dataDir : AppPaths.dataDir();
                Infrastructure.ownerOnly(dir);
                h2 = EmbeddedH2.start(dir);
                settings = new DbSettings(h2.jdbcUrl(), h2.user(), "");
            } else {
                settings = new DbSettings(jdbcUrl, dbUser, System.getenv().getOrDefault(ConnectionOptions.PASSWORD_VARIABLE, ""));
            }
            SqlResult result;
            try {
                result = new SqlConsole(Database.connect(settings)).run(statement, allowWrites, maxRows, new SqlCancel());
            } catch (SqlFailure f) {
                err.println("flowdeck sql: " + (f.refused() ? "refused: " : "error: ") + f.getMessage());
                err.flush();
                return EXIT_FAILED;
            }
            if (result.hasResultSet()) {
                PrintWriter stdout = spec.commandLine().getOut();
                // the CSV writer closes what it writes to; stdout stays open
                SqlCsv.write(result, new FilterWriter(stdout) {
                    @Override
                    public void close() {
                        stdout.flush();
                    }
                });
            }
            err.println("flowdeck sql: " + (allowWrites ? "" : "read-only · ") + result.summary());
            err.flush();
            return 0;
        } finally {
            if (h2 != null) {
                h2.close();
            }
        }
    }
}
