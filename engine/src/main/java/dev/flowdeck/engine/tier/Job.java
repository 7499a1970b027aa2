package dev.flowdeck.engine.tier;

/**
 * One request through a tier, with the model times of each step (nanoseconds on the loop's clock). Written by the
 * event loop only; a {@link JobListener} reads it when it is done.
 */
public final class Job {
    /** Where a job is. Every job is in exactly one state, which is what makes the tier's counts add up. */
    public enum State { NEW, NETWORK_OUT, QUEUED, IN_SERVICE, NETWORK_BACK, COMPLETED, FAILED }

    /** Why a job failed. */
    public enum Failure {
        NONE("none"), QUEUE_FULL("queue full"), OUTAGE("outage");

        private final String label;

        Failure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long id;
    private final long key;
    private final TierRole origin;
    private final JobListener listener;
    State state = State.NEW;
    Failure failure = Failure.NONE;
    String servedBy;
    long acceptedAt;
    long queuedAt;
    long serviceStartAt;
    long serviceEndAt;
    long doneAt;
    long networkNanos;

    /**
     * @param key    the caller's identifier, e.g. the change event's row id or an arrival's index (-1: none)
     * @param origin where the request came in (the tier whose feed or endpoint took it), or null
     */
    Job(long id, long key, TierRole origin, JobListener listener) {
        this.id = id;
        this.key = key;
        this.origin = origin;
        this.listener = listener == null ? JobListener.NONE : listener;
    }

    public long id() {
        return id;
    }

    public long key() {
        return key;
    }

    public TierRole origin() {
        return origin;
    }

    JobListener listener() {
        return listener;
    }

    public State state() {
        return state;
    }

    public boolean completed() {
        return state == State.COMPLETED;
    }

    public Failure failure() {
        return failure;
    }

    /** The name of the tier that took the job (null before routing). */
    public String servedBy() {
        return servedBy;
    }

    public long acceptedAtNanos() {
        return acceptedAt;
    }

    public long doneAtNanos() {
        return doneAt;
    }

    /** From acceptance to the reply: network out, queue, service, network back. */
    public long latencyNanos() {
        return doneAt - acceptedAt;
    }

    /** Waiting for a server. */
    public long queueingNanos() {
        return completed() ? serviceStartAt - queuedAt : 0;
    }

    public long serviceNanos() {
        return completed() ? serviceEndAt - serviceStartAt : 0;
    }

    public long networkNanos() {
        return networkNanos;
    }

    /** Time in the tier itself: queueing plus service, without the network. */
    public long tierNanos() {
        return queueingNanos() + serviceNanos();
    }
}
