package dev.flowdeck.engine.cdc.capture;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Debezium's offset store for Flowdeck's captures: {@link #set} writes into the capture's open Kafka transaction and
 * {@link #get} answers committed positions only (see {@link CaptureOffsets}). Debezium instantiates it by class name;
 * {@value #REGISTRY_KEY} in the engine's settings names the capture it belongs to.
 */
public final class TransactionalOffsetBackingStore implements OffsetBackingStore {
    /** The engine setting that carries the capture's registry key (a setting every worker config accepts). */
    static final String REGISTRY_KEY = "offset.storage.file.filename";

    private CaptureOffsets offsets;

    @Override
    public void configure(WorkerConfig config) {
        offsets = CaptureOffsets.lookUp(config.getString(REGISTRY_KEY));
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        return CompletableFuture.completedFuture(offsets.get(keys));
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        try {
            offsets.write(values);
        } catch (RuntimeException e) {
            if (callback != null) {
                callback.onCompletion(e, null);
            }
            return CompletableFuture.failedFuture(e);
        }
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
