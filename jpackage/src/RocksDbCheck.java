import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.nio.charset.StandardCharsets;

/**
 * Opens a RocksDB database with the installed program's runtime and jars, writes a key and reads it back.
 *
 * <p>The installer ships a copy of rocksdbjni with only this platform's native library (build-installer.sh, step 2);
 * Kafka Streams' state stores fail at run time, not at start, if that library does not load. ci-installer-check.sh
 * compiles and runs this against /opt/flowdeck/lib/app/rocksdbjni-*.jar with /opt/flowdeck/lib/runtime/bin/java.
 *
 * <pre>java -cp CLASSES:rocksdbjni.jar RocksDbCheck DIR</pre>
 */
public final class RocksDbCheck {
    public static void main(String[] args) throws RocksDBException {
        RocksDB.loadLibrary();
        byte[] key = "flowdeck".getBytes(StandardCharsets.UTF_8);
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, args[0])) {
            db.put(key, "ok".getBytes(StandardCharsets.UTF_8));
            byte[] value = db.get(key);
            if (value == null || !"ok".equals(new String(value, StandardCharsets.UTF_8))) {
                throw new IllegalStateException("RocksDB read back " + (value == null ? "nothing" : new String(value, StandardCharsets.UTF_8)));
            }
        }
        System.out.println("rocksdb ok: version " + RocksDB.rocksdbVersion());
    }

    private RocksDbCheck() {
    }
}
