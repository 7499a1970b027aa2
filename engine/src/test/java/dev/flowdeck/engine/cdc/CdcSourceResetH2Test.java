package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.testing.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Source resets on embedded H2: the deleted folder is the case users met (6,100 rows lost before). */
class CdcSourceResetH2Test extends CdcSourceResetContract {
    private Path dir;

    @Override
    protected DbSettings freshDatabase(Path dir) {
        this.dir = dir;
        return TestDatabases.h2(dir);
    }

    @Override
    protected void recreate(DbSettings settings) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("livedb")).sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
