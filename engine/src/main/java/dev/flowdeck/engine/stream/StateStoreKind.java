package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.config.SettingsException;

import java.util.Locale;

/** Where the processor's state stores keep their data; both are backed by changelog topics. */
public enum StateStoreKind {
    /**
     * RocksDB in the state folder ({@code <state dir>/<application id>/<task>/rocksdb/<store>}): after a clean stop
     * only the changelog records written since the last checkpoint are restored.
     */
    ROCKSDB("rocksdb"),
    /** On the heap: every start restores the whole changelog; nothing is written to the state folder. */
    MEMORY("memory");

    private final String label;

    StateStoreKind(String label) {
        this.label = label;
    }

    /** The name used in flags and summaries: {@code rocksdb} or {@code memory}. */
    public String label() {
        return label;
    }

    public static StateStoreKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StateStoreKind k : values()) {
            if (k.label.equals(n)) {
                return k;
            }
        }
        throw new SettingsException("state store '" + name + "' is not known: use rocksdb (default, kept in the state folder)"
                + " or memory");
    }

    @Override
    public String toString() {
        return label;
    }
}
