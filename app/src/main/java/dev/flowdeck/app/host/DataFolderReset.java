package dev.flowdeck.app.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes what the embedded infrastructure and the processor keep in the data folder: the broker's logs, the H2
 * database and the Streams state ({@link DataFolderUsage}'s parts). Anything else in the folder stays. Only call it
 * with the broker, the database and the processor stopped: they hold these files open.
 */
public final class DataFolderReset {
    /** The parts deleted, in the folder's own names. */
    public static final List<String> PARTS = List.of(DataFolderUsage.KAFKA, DataFolderUsage.H2, DataFolderUsage.STREAMS);

    private DataFolderReset() {
    }

    /** Returns the number of bytes deleted. */
    public static long delete(Path dataDir) {
        long bytes = 0;
        DataFolderUsage before = DataFolderUsage.measure(dataDir);
        for (String part : PARTS) {
            Path dir = dataDir.resolve(part);
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) { // children before their folder
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage()
                        + ". Close any other program using it, or delete the folder by hand with Flowdeck closed.", e);
            }
            bytes += before.part(part);
        }
        return bytes;
    }
}
