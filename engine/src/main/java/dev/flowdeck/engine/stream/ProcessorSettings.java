package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.config.SettingsException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The stream processor's settings. The alert threshold and the anomaly sensitivity are live (read for every event
 * or window, so a slider acts at once); the stream thread count is live too (threads are added or removed while
 * running). Everything else is read when the processor starts.
 */
public final class ProcessorSettings {
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String DEFAULT_AGGREGATES_TOPIC = "flowdeck_aggregates";
    public static final String DEFAULT_ALERTS_TOPIC = "flowdeck_alerts";
    public static final String DEFAULT_ANOMALIES_TOPIC = "flowdeck_anomalies";
    public static final String DEFAULT_APPLICATION_ID = "flowdeck-processor";

    private volatile String sourceTopic = PipelineSettings.DEFAULT_TOPIC;
    private volatile String aggregatesTopic = DEFAULT_AGGREGATES_TOPIC;
    private volatile String alertsTopic = DEFAULT_ALERTS_TOPIC;
    private volatile String anomaliesTopic = DEFAULT_ANOMALIES_TOPIC;
    private volatile String applicationId = DEFAULT_APPLICATION_ID;
    private volatile int streamThreads = 1;
    private volatile String processingGuarantee = EXACTLY_ONCE_V2;
    private volatile long commitIntervalMs = 250;
    private volatile StateStoreKind stateStore = StateStoreKind.ROCKSDB;
    private volatile Duration window = Duration.ofSeconds(5);
    private volatile Duration grace = Duration.ofSeconds(30);
    private volatile Duration absenceDelay = Duration.ofSeconds(2);
    private volatile BigDecimal alertAmount = new BigDecimal("10000.00");
    private volatile double anomalyZ = 3.0;
    private volatile double anomalyAlpha = 0.3;
    private volatile int anomalyWarmupWindows = 5;
    private volatile short replicationFactor = -1;
    private volatile Duration closeTimeout = Duration.ofSeconds(10);
    private volatile RetentionSettings retention = new RetentionSettings();

    public String sourceTopic() {
        return sourceTopic;
    }

    public ProcessorSettings sourceTopic(String name) {
        this.sourceTopic = topicName("source topic", name);
        return this;
    }

    public String aggregatesTopic() {
        return aggregatesTopic;
    }

    public ProcessorSettings aggregatesTopic(String name) {
        this.aggregatesTopic = topicName("aggregates topic", name);
        return this;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    public ProcessorSettings alertsTopic(String name) {
        this.alertsTopic = topicName("alerts topic", name);
        return this;
    }

    public String anomaliesTopic() {
        return anomaliesTopic;
    }

    public ProcessorSettings anomaliesTopic(String name) {
        this.anomaliesTopic = topicName("anomalies topic", name);
        return this;
    }

    /** The base of the Kafka Streams application id; see {@link #effectiveApplicationId()}. */
    public String applicationId() {
        return applicationId;
    }

    public ProcessorSettings applicationId(String id) {
        if (id == null || !id.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new SettingsException("processor application id '" + id + "' is not valid: use 1-200 letters, digits, '.', '_' or '-'");
        }
        this.applicationId = id;
        return this;
    }

    /**
     * The Kafka Streams application id (consumer group, internal topic prefix, state folder): the base id plus the
     * window size. Window stores cannot mix window sizes, so another size is another application that starts from
     * the beginning of the source topic.
     */
    public String effectiveApplicationId() {
        return applicationId + "-w" + window.toMillis() + "ms";
    }

    public int streamThreads() {
        return streamThreads;
    }

    /** Parallelism: stream threads in this process (live: threads are added or removed while running). */
    public ProcessorSettings streamThreads(int n) {
        require(n >= 1 && n <= 32, "stream threads", n, "between 1 and 32");
        this.streamThreads = n;
        return this;
    }

    public String processingGuarantee() {
        return processingGuarantee;
    }

    public ProcessorSettings processingGuarantee(String guarantee) {
        String g = guarantee == null ? "" : guarantee.trim().toLowerCase(Locale.ROOT);
        if (!g.equals(EXACTLY_ONCE_V2) && !g.equals(AT_LEAST_ONCE)) {
            throw new SettingsException("processing guarantee '" + guarantee + "' is not known: use " + EXACTLY_ONCE_V2
                    + " (default) or " + AT_LEAST_ONCE);
        }
        this.processingGuarantee = g;
        return this;
    }

    public boolean exactlyOnce() {
        return EXACTLY_ONCE_V2.equals(processingGuarantee);
    }

    public long commitIntervalMs() {
        return commitIntervalMs;
    }

    /** How often results are committed; under exactly-once also how late downstream readers see them. */
    public ProcessorSettings commitIntervalMs(long ms) {
        require(ms >= 10 && ms <= 60_000, "commit interval (ms)", ms, "between 10 and 60,000");
        this.commitIntervalMs = ms;
        return this;
    }

    public StateStoreKind stateStore() {
        return stateStore;
    }

    /** RocksDB in the state folder (default: fast restarts) or memory (every start restores the whole changelog). */
    public ProcessorSettings stateStore(StateStoreKind kind) {
        if (kind == null) {
            throw new SettingsException("state store must be rocksdb or memory (got nothing)");
        }
        this.stateStore = kind;
        return this;
    }

    public Duration window() {
        return window;
    }

    public ProcessorSettings window(Duration size) {
        require(size.toMillis() >= 100 && size.toMillis() <= 3_600_000, "window size (ms)", size.toMillis(),
                "between 100 ms and 1 hour");
        this.window = size;
        return this;
    }

    public Duration grace() {
        return grace;
    }

    /** How long after a window's end a late event still counts; later ones are dropped (and counted as dropped). */
    public ProcessorSettings grace(Duration g) {
        require(g.toMillis() >= 0 && g.toMillis() <= 86_400_000L, "grace (ms)", g.toMillis(), "between 0 and 24 hours");
        this.grace = g;
        return this;
    }

    public Duration absenceDelay() {
        return absenceDelay;
    }

    /** How long after a window's end the rate monitor waits before it judges the window (rate zero, anomalies). */
    public ProcessorSettings absenceDelay(Duration d) {
        require(d.toMillis() >= 0 && d.toMillis() <= 3_600_000, "absence delay (ms)", d.toMillis(), "between 0 and 1 hour");
        this.absenceDelay = d;
        return this;
    }

    public BigDecimal alertAmount() {
        return alertAmount;
    }

    /** Live: an event whose amount is strictly above this raises an {@code amount_above} alert. */
    public ProcessorSettings alertAmount(BigDecimal amount) {
        if (amount == null || amount.signum() < 0) {
            throw new SettingsException("alert amount must be zero or more (got " + amount + ")");
        }
        this.alertAmount = amount;
        return this;
    }

    public double anomalyZ() {
        return anomalyZ;
    }

    /** Live: how many standard deviations from the rolling mean a region's rate must be to count as an anomaly. */
    public ProcessorSettings anomalyZ(double z) {
        if (!(z >= 0.5 && z <= 100)) {
            throw new SettingsException("anomaly threshold (z) must be between 0.5 and 100 (got " + z + ")");
        }
        this.anomalyZ = z;
        return this;
    }

    public double anomalyAlpha() {
        return anomalyAlpha;
    }

    /** Live: the weight of the newest window in the rolling (exponentially weighted) mean and variance. */
    public ProcessorSettings anomalyAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new SettingsException("anomaly smoothing (alpha) must be above 0 and at most 1 (got " + alpha + ")");
        }
        this.anomalyAlpha = alpha;
        return this;
    }

    public int anomalyWarmupWindows() {
        return anomalyWarmupWindows;
    }

    /** Live: windows a region must have had traffic in before its rate can be called anomalous. */
    public ProcessorSettings anomalyWarmupWindows(int n) {
        require(n >= 1 && n <= 10_000, "anomaly warm-up windows", n, "between 1 and 10,000");
        this.anomalyWarmupWindows = n;
        return this;
    }

    /** -1: the cluster's default. Used for the output topics and Kafka Streams' internal topics. */
    public short replicationFactor() {
        return replicationFactor;
    }

    public ProcessorSettings replicationFactor(int n) {
        require(n == -1 || (n >= 1 && n <= 32), "replication factor", n, "-1 (cluster default) or between 1 and 32");
        this.replicationFactor = (short) n;
        return this;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public ProcessorSettings closeTimeout(Duration timeout) {
        require(timeout.toMillis() >= 100 && timeout.toMillis() <= 14_000, "close timeout (ms)", timeout.toMillis(),
                "between 100 and 14,000");
        this.closeTimeout = timeout;
        return this;
    }

    /** How long the sink keeps the aggregates: the pipeline's retention, shared (see {@link AggregateTable#trim}). */
    public RetentionSettings retention() {
        return retention;
    }

    public ProcessorSettings retention(RetentionSettings shared) {
        this.retention = Objects.requireNonNull(shared);
        return this;
    }

    /**
     * The oldest a window may be and still change: its size, the grace for late events, the absence delay, and a
     * minute for clocks and commits. The sink never trims a window younger than this, whatever the retention says.
     */
    public Duration windowsFinalAfter() {
        return window.plus(grace).plus(absenceDelay).plusMinutes(1);
    }

    /**
     * How long the rate monitor's input may be silent before it trusts the wall clock instead: two commit intervals
     * (results reach the monitor through two sub-topologies, each committing) plus the absence delay.
     */
    public long idleAfterMs() {
        return 2 * commitIntervalMs + absenceDelay.toMillis();
    }

    private static String topicName(String what, String name) {
        if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new SettingsException(what + " name '" + name + "' is not valid: use 1-249 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static void require(boolean ok, String what, long value, String range) {
        if (!ok) {
            throw new SettingsException(what + " must be " + range + " (got " + value + ")");
        }
    }
}
