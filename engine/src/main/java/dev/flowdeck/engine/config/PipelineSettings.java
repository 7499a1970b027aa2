package dev.flowdeck.engine.config;

/**
 * The pipeline's settings. The live ones (rows per burst, burst interval, max rate) are read by the workers on every
 * iteration, so a slider acts at once without a restart; the others are read when a stage starts.
 */
public final class PipelineSettings {
    public static final String DEFAULT_TOPIC = "db_live_events";

    private volatile int rowsPerBurst = 100;
    private volatile long burstIntervalMs = 100;
    private volatile boolean maxRate;
    private volatile int writerThreads = 1;
    private volatile String topic = DEFAULT_TOPIC;
    private volatile int partitions = 3;
    private volatile short replicationFactor = -1;
    private volatile int pollBatchSize = 5_000;
    private volatile long pollIntervalMs = 200;
    private volatile long maxBacklogRows = 40_000;
    private final RetentionSettings retention = new RetentionSettings();
    private volatile java.nio.file.Path dataFolder;
    private volatile ResetChoice onReset = ResetChoice.ASK;

    public int rowsPerBurst() {
        return rowsPerBurst;
    }

    public PipelineSettings rowsPerBurst(int rows) {
        require(rows >= 1 && rows <= 1_000_000, "rows per burst", rows, "between 1 and 1,000,000");
        this.rowsPerBurst = rows;
        return this;
    }

    public long burstIntervalMs() {
        return burstIntervalMs;
    }

    public PipelineSettings burstIntervalMs(long ms) {
        require(ms >= 0 && ms <= 3_600_000, "burst interval (ms)", ms, "between 0 and 3,600,000");
        this.burstIntervalMs = ms;
        return this;
    }

    /** Rows per second the writer aims at with the current burst settings (infinite at interval 0). */
    public double targetRowsPerSecond() {
        return burstIntervalMs == 0 ? Double.POSITIVE_INFINITY : rowsPerBurst * 1000.0 / burstIntervalMs;
    }

    public boolean maxRate() {
        return maxRate;
    }

    /** Max rate: write as fast as the CDC poller keeps up (the backlog stays under {@link #maxBacklogRows()}). */
    public PipelineSettings maxRate(boolean on) {
        this.maxRate = on;
        return this;
    }

    public int writerThreads() {
        return writerThreads;
    }

    public PipelineSettings writerThreads(int n) {
        require(n >= 1 && n <= 64, "writer threads", n, "between 1 and 64");
        this.writerThreads = n;
        return this;
    }

    public String topic() {
        return topic;
    }

    public PipelineSettings topic(String name) {
        if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new SettingsException("topic name '" + name + "' is not valid: use 1-249 letters, digits, '.', '_' or '-'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new SettingsException("topic name '" + name + "' is not allowed by Kafka: choose a name with a letter or digit");
        }
        if (name.startsWith("__")) {
            throw new SettingsException("topic name '" + name + "' starts with '__', which Kafka keeps for its internal topics "
                    + "(e.g. __consumer_offsets): choose another name");
        }
        this.topic = name;
        return this;
    }

    public int partitions() {
        return partitions;
    }

    public PipelineSettings partitions(int n) {
        require(n >= 1 && n <= 1000, "partitions", n, "between 1 and 1000");
        this.partitions = n;
        return this;
    }

    /** -1: the cluster's default. */
    public short replicationFactor() {
        return replicationFactor;
    }

    public PipelineSettings replicationFactor(int n) {
        require(n == -1 || (n >= 1 && n <= 32), "replication factor", n, "-1 (cluster default) or between 1 and 32");
        this.replicationFactor = (short) n;
        return this;
    }

    public int pollBatchSize() {
        return pollBatchSize;
    }

    public PipelineSettings pollBatchSize(int n) {
        require(n >= 1 && n <= 100_000, "poll batch size", n, "between 1 and 100,000");
        this.pollBatchSize = n;
        return this;
    }

    public long pollIntervalMs() {
        return pollIntervalMs;
    }

    public PipelineSettings pollIntervalMs(long ms) {
        require(ms >= 1 && ms <= 60_000, "poll interval (ms)", ms, "between 1 and 60,000");
        this.pollIntervalMs = ms;
        return this;
    }

    public long maxBacklogRows() {
        return maxBacklogRows;
    }

    public PipelineSettings maxBacklogRows(long n) {
        require(n >= 1, "max backlog rows", n, "at least 1");
        this.maxBacklogRows = n;
        return this;
    }

    /** How much of livedb and the aggregates is kept (live). */
    /** This installation's data folder (it keeps the CDC's secret); null: none given (tests). */
    public java.nio.file.Path dataFolder() {
        return dataFolder;
    }

    public PipelineSettings dataFolder(java.nio.file.Path folder) {
        this.dataFolder = folder;
        return this;
    }

    /** What the CDC does when the source database was reset under it (default: stop and ask). */
    public ResetChoice onReset() {
        return onReset;
    }

    public PipelineSettings onReset(ResetChoice choice) {
        this.onReset = java.util.Objects.requireNonNull(choice);
        return this;
    }

    public RetentionSettings retention() {
        return retention;
    }

    private static void require(boolean ok, String what, long value, String range) {
        if (!ok) {
            throw new SettingsException(what + " must be " + range + " (got " + value + ")");
        }
    }
}
