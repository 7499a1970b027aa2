package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.RetentionSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How much of what Flowdeck writes it keeps (see {@link RetentionSettings}); unset options keep the defaults. */
public final class RetentionOptions {
    @Option(names = "--retention-age", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Rows of livedb, processor windows and the records of Flowdeck's topics older than this are "
                    + "deleted, rows only once published (default: 24h; 0: keep any age).")
    Duration age;

    @Option(names = "--retention-rows", paramLabel = "N",
            description = "livedb keeps at most about this many of its newest rows (default: 20000000; 0: any number).")
    Long rows;

    /** Throws a SettingsException naming a value out of range. */
    public void applyTo(RetentionSettings settings) {
        if (age != null) {
            settings.maxAge(age);
        }
        if (rows != null) {
            settings.maxRows(rows);
        }
    }
}
