package dev.flowdeck.engine.tier;

/**
 * One FIFO server, by Lindley's recursion: W_i = max(0, W_{i−1} + S_{i−1} − (A_i − A_{i−1})). Fed in arrival order,
 * it gives each job's time in system (wait + service) without an event loop: the control systems of a sweep run
 * beside the tier on the same arrivals.
 */
final class LindleyQueue {
    private boolean started;
    private long lastArrival;
    private double lastWait;
    private double lastService;

    /** The time in system of the next job to arrive: {@code arrival} in ns (not before the last), service in ns. */
    double timeInSystem(long arrival, double service) {
        double wait = started ? Math.max(0, lastWait + lastService - (arrival - lastArrival)) : 0;
        started = true;
        lastArrival = arrival;
        lastWait = wait;
        lastService = service;
        return wait + service;
    }
}
