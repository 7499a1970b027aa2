import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes a copy of a jar without the native libraries of other systems.
 *
 * <p>RocksDB, zstd, Snappy and LZ4 ship their native code for every OS and CPU in one jar (RocksDB alone: 72 MB, 15
 * libraries); an installer for one platform needs one of each. Every other entry (classes, licence and notice files)
 * is copied unchanged. Run with the JDK's source launcher, so that the same step works on Linux, Windows and macOS:
 *
 * <pre>java StripNatives.java IN.jar OUT.jar KEEP-REGEX</pre>
 *
 * A native library (.so, .dll, .dylib, .jnilib, .a) is kept when its entry name matches KEEP-REGEX (a find, not a
 * full match). Exit code 2 if the jar had native libraries and none matched: the build would then ship a jar that
 * cannot load on the target, so it stops instead.
 */
public final class StripNatives {
    private static final Pattern NATIVE = Pattern.compile("\\.(so|dll|dylib|jnilib|a)$");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java StripNatives.java IN.jar OUT.jar KEEP-REGEX");
            System.exit(64);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Pattern keep = Pattern.compile(args[2]);
        int natives = 0;
        int kept = 0;
        long removedBytes = 0;
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && NATIVE.matcher(name).find()) {
                    natives++;
                    if (!keep.matcher(name).find()) {
                        removedBytes += entry.getSize();
                        continue;
                    }
                    kept++;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                zout.putNextEntry(copy);
                try (InputStream data = zip.getInputStream(entry)) {
                    data.transferTo(zout);
                }
                zout.closeEntry();
            }
        }
        if (natives > 0 && kept == 0) {
            Files.delete(tmp);
            System.err.printf("StripNatives: %s has %d native libraries and none matches %s%n", in.getFileName(), natives, keep);
            System.exit(2);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: kept %d of %d native libraries, removed %.1f MB%n",
                in.getFileName(), kept, natives, removedBytes / 1048576.0);
    }

    private StripNatives() {
    }
}
