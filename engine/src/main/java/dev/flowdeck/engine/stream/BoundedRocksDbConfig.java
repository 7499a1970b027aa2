package dev.flowdeck.engine.stream;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB options for the processor's stores, which hold a few minutes of window parts: kilobytes per task. Kafka
 * Streams' defaults are sized for large stores and grow with the machine, which a desktop app sharing its cores with
 * a broker and a database should not do:
 * <ul>
 *   <li><b>Background threads.</b> Kafka Streams gives RocksDB one flush/compaction thread per core (at least two),
 *   shared by every store in the process. Two are plenty for stores this small, and on a bigger machine the rest
 *   would only compete with the stream threads. (On a 2-core machine this is the default anyway.)</li>
 *   <li><b>Memory off the heap.</b> The default is a 50 MB block cache and three 16 MB write buffers <em>per
 *   store</em>: one window-parts store per source partition plus the rate monitor's, so about 100 MB per store at
 *   worst. Here every store shares one 16 MB block cache and has two 4 MB write buffers.</li>
 * </ul>
 * Kafka Streams creates one instance per store through the no-argument constructor.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
    static final int BACKGROUND_THREADS = 2;
    static final long SHARED_BLOCK_CACHE_BYTES = 16L << 20;
    static final long WRITE_BUFFER_BYTES = 4L << 20;
    static final int WRITE_BUFFERS = 2;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setIncreaseParallelism(BACKGROUND_THREADS); // sizes RocksDB's process-wide thread pools, and max jobs
        options.setMaxBackgroundJobs(BACKGROUND_THREADS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(WRITE_BUFFERS);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(SharedCache.CACHE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache outlives any one store; Kafka Streams closes the options itself.
    }

    /**
     * Shared by every store of the process, so never closed with one of them; freed when the process ends. Created
     * on first use, once RocksDB's native library is loaded (Kafka Streams loads this class earlier, to check it).
     */
    private static final class SharedCache {
        static final Cache CACHE = new LRUCache(SHARED_BLOCK_CACHE_BYTES);
    }
}
