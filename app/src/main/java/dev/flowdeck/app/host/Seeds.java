package dev.flowdeck.app.host;

import dev.flowdeck.engine.source.SeedException;
import dev.flowdeck.engine.source.SeedFile;
import dev.flowdeck.engine.source.SeedRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The seed rows the burst writer cycles through: a file the user names, or the one bundled in assets/. */
public final class Seeds {
    public static final String BUNDLED = "/assets/seed/livedb_seed.csv";

    private Seeds() {
    }

    /** Loads the seed; each skipped line is reported to {@code problems} with its file and line number. */
    public static List<SeedRow> load(Path file, Consumer<String> problems) {
        SeedFile.Loaded loaded;
        if (file != null) {
            loaded = SeedFile.load(file);
        } else {
            try (InputStream in = Seeds.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new SeedException("the bundled seed file " + BUNDLED + " is missing from the build");
                }
                loaded = SeedFile.load("livedb_seed.csv", in);
            } catch (IOException e) {
                throw new SeedException("cannot read the bundled seed file: " + e.getMessage());
            }
        }
        loaded.problems().forEach(problems);
        return loaded.rows();
    }
}
