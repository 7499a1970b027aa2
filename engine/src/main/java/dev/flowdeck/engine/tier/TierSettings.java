package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One tier's live settings. Any thread may change them (a console slider, the command line); the tier's event loop
 * reads them at each event, so a change acts at once. Setters validate and throw {@link SettingsException} naming the
 * setting, the allowed range and the value given.
 */
public final class TierSettings {
    public static final double EDGE_SERVICE_MS = 10;
    public static final int EDGE_SERVERS = 2;
    public static final double EDGE_RTT_MS = 1;
    public static final int EDGE_QUEUE = 100;
    public static final double EDGE_SAMPLE = 0.05;
    public static final double CLOUD_SERVICE_MS = 100;
    public static final int CLOUD_SERVERS = 8;
    public static final double CLOUD_RTT_MS = 50;
    public static final int CLOUD_QUEUE = 400;
    public static final double CLOUD_SAMPLE = 0.025;
    public static final ServiceDistribution DISTRIBUTION = ServiceDistribution.EXPONENTIAL;

    public static final double MAX_SERVICE_MS = 60_000;
    public static final int MAX_SERVERS = 1024;
    public static final double MAX_RTT_MS = 60_000;
    public static final int MAX_QUEUE = 1_000_000;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile double serviceMeanMs;
    private volatile ServiceDistribution distribution = DISTRIBUTION;
    private volatile int servers;
    private volatile double networkRttMs;
    private volatile int queueCapacity;
    private volatile boolean outage;
    private volatile double sampleFraction = 1.0;

    public TierSettings(double serviceMeanMs, int servers, double networkRttMs, int queueCapacity) {
        serviceMeanMs(serviceMeanMs);
        servers(servers);
        networkRttMs(networkRttMs);
        queueCapacity(queueCapacity);
    }

    /** Edge: 10 ms service, 2 servers, 1 ms round trip, a queue of 100, takes 1 event in 20. */
    public static TierSettings edgeDefaults() {
        return new TierSettings(EDGE_SERVICE_MS, EDGE_SERVERS, EDGE_RTT_MS, EDGE_QUEUE).sampleFraction(EDGE_SAMPLE);
    }

    /** Cloud: 100 ms service, 8 servers, 50 ms round trip, a queue of 400, takes 1 event in 40. */
    public static TierSettings cloudDefaults() {
        return new TierSettings(CLOUD_SERVICE_MS, CLOUD_SERVERS, CLOUD_RTT_MS, CLOUD_QUEUE).sampleFraction(CLOUD_SAMPLE);
    }

    public static TierSettings defaults(TierRole role) {
        return role == TierRole.EDGE ? edgeDefaults() : cloudDefaults();
    }

    public double serviceMeanMs() {
        return serviceMeanMs;
    }

    public TierSettings serviceMeanMs(double ms) {
        require(ms > 0 && ms <= MAX_SERVICE_MS, "service time mean (ms)", ms, "above 0 and at most " + fmt(MAX_SERVICE_MS));
        this.serviceMeanMs = ms;
        return changed();
    }

    public ServiceDistribution distribution() {
        return distribution;
    }

    public TierSettings distribution(ServiceDistribution d) {
        if (d == null) {
            throw new SettingsException("service distribution must be constant or exponential (got nothing)");
        }
        this.distribution = d;
        return changed();
    }

    public int servers() {
        return servers;
    }

    public TierSettings servers(int n) {
        require(n >= 1 && n <= MAX_SERVERS, "servers", n, "between 1 and " + MAX_SERVERS);
        this.servers = n;
        return changed();
    }

    /** The network round trip: half on the way to the tier, half on the way back. */
    public double networkRttMs() {
        return networkRttMs;
    }

    public TierSettings networkRttMs(double ms) {
        require(ms >= 0 && ms <= MAX_RTT_MS, "network round trip (ms)", ms, "between 0 and " + fmt(MAX_RTT_MS));
        this.networkRttMs = ms;
        return changed();
    }

    /** Jobs that may wait for a server; an arrival that finds it full fails at once. 0: no waiting room. */
    public int queueCapacity() {
        return queueCapacity;
    }

    public TierSettings queueCapacity(int n) {
        require(n >= 0 && n <= MAX_QUEUE, "queue capacity", n, "between 0 and " + MAX_QUEUE);
        this.queueCapacity = n;
        return changed();
    }

    /** While out, every arrival fails at once and the jobs waiting or in service fail. */
    public boolean outage() {
        return outage;
    }

    public TierSettings outage(boolean out) {
        this.outage = out;
        return changed();
    }

    /** The share of the event stream this tier's feed takes, 0 to 1 (1: every event, 0.1: one in ten). */
    public double sampleFraction() {
        return sampleFraction;
    }

    public TierSettings sampleFraction(double fraction) {
        require(fraction >= 0 && fraction <= 1, "sample fraction", fraction, "between 0 and 1 (e.g. 0.1 or 1/10 for one event in ten)");
        this.sampleFraction = fraction;
        return changed();
    }

    /** Takes one event in {@code n}. */
    public TierSettings sampleOneIn(int n) {
        require(n >= 1, "sample (one in N)", n, "N of at least 1");
        return sampleFraction(1.0 / n);
    }

    /**
     * Reads a sample as a fraction ({@code 0.1}), one in N ({@code 1/10}) or a percentage ({@code 10%}).
     */
    public static double parseSample(String text) {
        String t = text == null ? "" : text.trim();
        try {
            double v;
            if (t.endsWith("%")) {
                v = Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0;
            } else if (t.contains("/")) {
                String[] parts = t.split("/", 2);
                double num = Double.parseDouble(parts[0].trim());
                double den = Double.parseDouble(parts[1].trim());
                if (den <= 0) {
                    throw new NumberFormatException();
                }
                v = num / den;
            } else {
                v = Double.parseDouble(t);
            }
            if (!(v >= 0 && v <= 1)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SettingsException("sample '" + text + "' is not valid: use a fraction between 0 and 1 (0.1), "
                    + "one in N (1/10) or a percentage (10%)");
        }
    }

    /**
     * Registers a callback run (on the changing thread) after every change. The returned handle removes it.
     */
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private TierSettings changed() {
        listeners.forEach(Runnable::run);
        return this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.3g ms x %d servers, rtt %.3g ms, queue %d, sample %.3g%s",
                distribution.label(), serviceMeanMs, servers, networkRttMs, queueCapacity, sampleFraction, outage ? ", OUT" : "");
    }

    private static void require(boolean ok, String what, double value, String range) {
        if (!ok) {
            throw new SettingsException(what + " must be " + range + " (got " + fmt(value) + ")");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.valueOf(v);
    }
}
