package dev.flowdeck.engine.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders and files only their owner may read: the data folder (rows, events, offsets), profiles and the SQL
 * history can hold data and connection details that other users of the machine must not see. A no-op where the file
 * system has no POSIX permissions (Windows keeps a user's application-data folder private by default).
 */
public final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the folder if needed (and its parents) and makes it owner-only (rwx------). */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Makes an existing file owner-only (rw-------). */
    public static Path file(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }
}
