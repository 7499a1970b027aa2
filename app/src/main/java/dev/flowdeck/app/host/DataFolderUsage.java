package dev.flowdeck.app.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the data folder holds, per part: the embedded broker's logs ({@code kafka}), the embedded database
 * ({@code h2}), the processor's state stores ({@code streams}), and anything else; and how much the disk under it
 * has free. Measuring walks the folder (a few hundred files): call it off the FX thread.
 *
 * @param parts     bytes per part, in the order kafka, h2, streams, other
 * @param freeBytes usable bytes left on the disk holding the folder
 */
public record DataFolderUsage(Path folder, Map<String, Long> parts, long freeBytes, long diskBytes) {
    public static final String KAFKA = "kafka";
    public static final String H2 = "h2";
    public static final String STREAMS = "streams";
    public static final String OTHER = "other";
    /** Free space below which the console warns: the embedded broker stops accepting writes when its disk is full. */
    public static final long LOW_FREE_BYTES = 2L << 30;

    public static DataFolderUsage measure(Path folder) {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put(KAFKA, 0L);
        parts.put(H2, 0L);
        parts.put(STREAMS, 0L);
        parts.put(OTHER, 0L);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                children.forEach(child -> {
                    String name = child.getFileName().toString();
                    parts.merge(parts.containsKey(name) && !name.equals(OTHER) ? name : OTHER, sizeOf(child), Long::sum);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the data folder " + folder, e);
            }
        }
        long free = 0;
        long total = 0;
        try {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                FileStore store = Files.getFileStore(existing);
                free = store.getUsableSpace();
                total = store.getTotalSpace();
            }
        } catch (IOException e) {
            // unknown free space: reported as 0, which reads as "low" rather than hiding a full disk
        }
        return new DataFolderUsage(folder, Map.copyOf(parts), free, total);
    }

    public long totalBytes() {
        return parts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long part(String name) {
        return parts.getOrDefault(name, 0L);
    }

    public boolean freeSpaceLow() {
        return freeBytes < LOW_FREE_BYTES;
    }

    /** E.g. {@code 1.2 GB (Kafka 800 MB, H2 300 MB, Streams 90 MB), 41 GB free}. */
    public String describe() {
        return human(totalBytes()) + " (Kafka " + human(part(KAFKA)) + ", H2 " + human(part(H2)) + ", Streams "
                + human(part(STREAMS)) + (part(OTHER) > 0 ? ", other " + human(part(OTHER)) : "") + "), "
                + human(freeBytes) + " free";
    }

    public static String human(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1_000 && u < units.length - 1) {
            v /= 1_000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** Kafka writes an index entry per this many bytes of log ({@code log.index.interval.bytes}'s default). */
    static final int KAFKA_INDEX_INTERVAL_BYTES = 4096;

    /**
     * The bytes a file takes. A Kafka partition's active segment preallocates its offset index (8-byte entries) and
     * time index (12-byte entries) at their full size (1 MB each on the embedded broker) as sparse files, trimmed
     * when the segment rolls; counted at their length they added 100-200 MB that {@code du} does not see. They count
     * as the entries their segment's log can have, at most their length.
     */
    static long countedSize(Path file, long length) {
        String name = file.getFileName().toString();
        int entryBytes = name.endsWith(".timeindex") ? 12 : name.endsWith(".index") ? 8 : 0;
        if (entryBytes == 0) {
            return length;
        }
        Path log = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".log");
        try {
            long entries = Files.size(log) / KAFKA_INDEX_INTERVAL_BYTES + 1;
            return Math.min(length, entries * entryBytes);
        } catch (IOException e) {
            return length; // not a Kafka segment's index
        }
    }

    private static long sizeOf(Path path) {
        long[] total = {0};
        try {
            Files.walkFileTree(path, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += countedSize(file, attrs.size());
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    // a Kafka segment or RocksDB file deleted while walking: it no longer counts
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + path, e);
        }
        return total[0];
    }
}
