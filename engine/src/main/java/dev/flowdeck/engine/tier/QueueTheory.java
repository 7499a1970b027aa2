package dev.flowdeck.engine.tier;

/**
 * Mean time in system (waiting + service) of the classic queues with Poisson arrivals, for checking the tier model
 * and drawing the theory curve next to a sweep. {@code rho} is the utilisation λ·S/c; every result is in the unit of
 * the service time given, and is infinite for {@code rho >= 1}.
 *
 * <ul>
 *   <li>M/M/c (exponential service): exact, W = S + C(c, a) / (c/S - λ), with Erlang's C formula computed through
 *       the Erlang B recursion (stable for any c).</li>
 *   <li>M/D/1 (constant service, one server): exact, Pollaczek–Khinchine: W = S + ρS / (2(1 - ρ)).</li>
 *   <li>M/D/c, c &gt; 1: no closed form. Cosmetatos' approximation (G. P. Cosmetatos, "Approximate explicit formulae
 *       for the average queueing time in the processes (M/D/r) and (D/M/r)", INFOR 13 (1975) 328–331; as given in
 *       H. Tijms, "A First Course in Stochastic Models", 2003):
 *       Wq(M/D/c) ≈ ½ · Wq(M/M/c) · [1 + (1 - ρ)(c - 1)(√(4 + 5c) - 2) / (16ρc)]. It is exact for c = 1 and
 *       within a few percent of simulation for c &gt; 1 (see the tests).</li>
 * </ul>
 */
public final class QueueTheory {
    private QueueTheory() {
    }

    /** The chance that an arrival must wait in M/M/c with offered load {@code a} = λS Erlangs (a &lt; c). */
    public static double erlangC(int c, double a) {
        if (c < 1 || a < 0 || a >= c) {
            throw new IllegalArgumentException("Erlang C needs c >= 1 and 0 <= a < c (got c=" + c + ", a=" + a + ")");
        }
        double b = 1.0; // Erlang B with 0 servers
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        double rho = a / c;
        return b / (1 - rho * (1 - b));
    }

    /** Mean wait in queue of M/M/c. */
    public static double mmcWait(double service, int c, double rho) {
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (rho <= 0) {
            return 0;
        }
        double a = rho * c;
        double lambda = a / service;
        return erlangC(c, a) / (c / service - lambda);
    }

    public static double mmcLatency(double service, int c, double rho) {
        return service + mmcWait(service, c, rho);
    }

    /** Mean wait in queue of M/D/c: exact for c = 1 (Pollaczek–Khinchine), Cosmetatos' approximation above. */
    public static double mdcWait(double service, int c, double rho) {
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (rho <= 0) {
            return 0;
        }
        if (c == 1) {
            return rho * service / (2 * (1 - rho));
        }
        double correction = 1 + (1 - rho) * (c - 1) * (Math.sqrt(4 + 5.0 * c) - 2) / (16 * rho * c);
        return 0.5 * mmcWait(service, c, rho) * correction;
    }

    public static double mdcLatency(double service, int c, double rho) {
        return service + mdcWait(service, c, rho);
    }

    /** The mean time in system for the tier's service distribution. */
    public static double meanLatency(ServiceDistribution d, double service, int c, double rho) {
        return d == ServiceDistribution.CONSTANT ? mdcLatency(service, c, rho) : mmcLatency(service, c, rho);
    }

    /** True where {@link #meanLatency} is exact rather than an approximation. */
    public static boolean exact(ServiceDistribution d, int c) {
        return d == ServiceDistribution.EXPONENTIAL || c == 1;
    }

    /** A theory curve for a chart: {@code points} utilisations from {@code from} to {@code to}, each with its mean latency. */
    public static double[][] curve(ServiceDistribution d, double service, int c, double from, double to, int points) {
        double[][] xy = new double[points][2];
        for (int i = 0; i < points; i++) {
            double rho = points == 1 ? from : from + (to - from) * i / (points - 1);
            xy[i][0] = rho;
            xy[i][1] = meanLatency(d, service, c, rho);
        }
        return xy;
    }
}
