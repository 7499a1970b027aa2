package dev.flowdeck.app.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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

    /**
     * Returns the number of bytes deleted.
     *
     * @throws IllegalStateException if the embedded broker still holds its log folder (its shutdown failed): nothing
     *                               is deleted then
     */
    public static long delete(Path dataDir) {
        refuseIfBrokerOpen(dataDir.resolve(DataFolderUsage.KAFKA).resolve(".lock"));
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

    /** A broker in this JVM holds a file lock on {@code .lock} in its log folder while it runs. */
    private static void refuseIfBrokerOpen(Path lock) {
        if (!Files.exists(lock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             FileLock held = channel.tryLock()) {
            if (held == null) {
                throw brokerOpen(lock);
            }
        } catch (OverlappingFileLockException e) {
            throw brokerOpen(lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check whether the broker still uses " + lock.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException brokerOpen(Path lock) {
        return new IllegalStateException("the embedded Kafka broker still has " + lock.getParent() + " open: nothing was "
                + "deleted. Close Flowdeck, then delete the folder by hand.");
    }
}
