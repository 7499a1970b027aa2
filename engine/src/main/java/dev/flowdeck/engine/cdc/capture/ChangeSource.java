package dev.flowdeck.engine.cdc.capture;

/**
 * The {@code source} block of a change envelope: where and when the change was committed.
 *
 * @param version       the capturing software's version, e.g. Debezium's {@code 3.6.1.Final}
 * @param connector     {@code postgresql} or {@code h2}
 * @param name          the logical server name (the topic prefix)
 * @param db            the database's name
 * @param positionField what the position is called in this database: {@code lsn} on PostgreSQL, {@code seq} (the
 *                      change-log sequence) on H2
 * @param position      the change's position in the database's log
 * @param txId          the transaction's id, null if unknown
 * @param commitTsMs    the transaction's commit time (epoch ms); for snapshot rows the time the snapshot read them
 * @param snapshot      {@code true} for snapshot rows, {@code last} for the snapshot's last row, else {@code false}
 */
public record ChangeSource(String version, String connector, String name, String db, String schema, String table,
                           String positionField, long position, Long txId, long commitTsMs, String snapshot) {
    public static final String IN_SNAPSHOT = "true";
    public static final String LAST_IN_SNAPSHOT = "last";
    public static final String STREAMING = "false";

    public boolean isSnapshot() {
        return !STREAMING.equals(snapshot);
    }
}
