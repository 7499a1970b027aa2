package dev.flowdeck.engine.admin;

/**
 * One row of the topic list.
 *
 * @param retentionMs        -1 for forever
 * @param sizeBytes          the data of one replica of every partition, from DescribeLogDirs; -1 if unknown
 * @param records            end offset minus start offset over all partitions (transaction markers count too)
 * @param messagesPerSecond  from the change of the end offsets since the previous listing; NaN at the first
 * @param rateHistory        the last rates, oldest first, for a sparkline
 */
public record TopicSummary(String name, boolean internal, int partitions, int replicationFactor, long retentionMs,
                           String cleanupPolicy, long sizeBytes, long records, double messagesPerSecond,
                           double[] rateHistory) {
}
