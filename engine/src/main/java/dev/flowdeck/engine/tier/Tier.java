package dev.flowdeck.engine.tier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One processing tier as a queueing model: a network delay on the way in, a FIFO queue of bounded length in front of
 * {@code c} servers, service times drawn from a seeded generator, a network delay on the way back. Each job goes
 * through the steps as events on the {@link EventLoop}, so the tier queues exactly as the model says whatever the
 * clock; no thread sleeps per request.
 *
 * <p>Thread rules: {@link #settings()} and {@link #snapshot()} are for any thread; everything else runs on the event
 * loop. Settings are read at each event, so a change acts at once; a change that frees servers or starts an outage is
 * applied by an event posted to the loop.
 */
public final class Tier {
    private final String name;
    private final TierSettings settings;
    private final EventLoop loop;
    private final Uniforms rng;
    private final TierRecorders recorders;
    private final AutoCloseable subscription;
    private final List<JobListener> observers = new ArrayList<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Set<Job> inService = new LinkedHashSet<>();
    private int networkOut;
    private int networkBack;
    private long arrivals;
    private long completed;
    private long failedQueueFull;
    private long failedOutage;
    private final long startedAt;
    private long lastChange;
    private double areaInTier;
    private double areaQueued;
    private double areaBusy;
    private volatile TierCounts counts;

    public Tier(String name, TierSettings settings, EventLoop loop, long seed, TierRecorders recorders) {
        this(name, settings, loop, new Uniforms(seed), recorders);
    }

    Tier(String name, TierSettings settings, EventLoop loop, Uniforms rng, TierRecorders recorders) {
        this.name = name;
        this.settings = settings;
        this.loop = loop;
        this.rng = rng;
        this.recorders = recorders;
        this.startedAt = loop.now();
        this.lastChange = startedAt;
        this.counts = TierCounts.empty(name);
        this.subscription = settings.onChange(() -> loop.post(this::reconcile));
        loop.onPublish(this::publish);
    }

    public String name() {
        return name;
    }

    public TierSettings settings() {
        return settings;
    }

    /** Any thread: the counts as last published by the loop, with the recorders' latency summaries. */
    public TierSnapshot snapshot() {
        return new TierSnapshot(counts, recorders.recent(), recorders.total());
    }

    /** Any thread: the counts as last published by the loop. */
    public TierCounts counts() {
        return counts;
    }

    public TierRecorders recorders() {
        return recorders;
    }

    /** Adds a listener told of every job this tier finishes (loop thread; before the job's own listener). */
    void observe(JobListener observer) {
        observers.add(observer);
    }

    /** Jobs waiting for a server right now. Loop thread. */
    public int queued() {
        return queue.size();
    }

    /** Loop thread: takes a job in at the current model time. */
    void accept(Job job) {
        arrivals++;
        job.servedBy = name;
        job.acceptedAt = loop.now();
        if (settings.outage()) {
            fail(job, Job.Failure.OUTAGE);
            return;
        }
        long half = halfRttNanos();
        if (half > 0) {
            job.state = Job.State.NETWORK_OUT;
            networkOut++;
            job.networkNanos += half;
            loop.after(half, () -> reachQueue(job));
        } else {
            reachQueue(job);
        }
    }

    private void reachQueue(Job job) {
        if (job.state == Job.State.NETWORK_OUT) {
            networkOut--;
        }
        long now = loop.now();
        job.queuedAt = now;
        if (settings.outage()) {
            fail(job, Job.Failure.OUTAGE);
            return;
        }
        if (queue.isEmpty() && inService.size() < settings.servers()) {
            startService(job);
        } else if (queue.size() >= settings.queueCapacity()) {
            fail(job, Job.Failure.QUEUE_FULL);
        } else {
            account(now);
            job.state = Job.State.QUEUED;
            queue.addLast(job);
        }
    }

    private void startService(Job job) {
        long now = loop.now();
        account(now);
        job.state = Job.State.IN_SERVICE;
        job.serviceStartAt = now;
        inService.add(job);
        long service = settings.distribution().drawNanos(settings.serviceMeanMs() * 1e6, rng);
        loop.after(service, () -> finishService(job));
    }

    private void finishService(Job job) {
        if (job.state != Job.State.IN_SERVICE) {
            return; // failed by an outage while in service
        }
        long now = loop.now();
        account(now);
        inService.remove(job);
        job.serviceEndAt = now;
        long half = halfRttNanos();
        if (half > 0) {
            job.state = Job.State.NETWORK_BACK;
            networkBack++;
            job.networkNanos += half;
            loop.after(half, () -> deliver(job));
        } else {
            deliver(job);
        }
        dispatch();
    }

    private void deliver(Job job) {
        if (job.state == Job.State.NETWORK_BACK) {
            networkBack--;
        }
        job.state = Job.State.COMPLETED;
        job.doneAt = loop.now();
        completed++;
        recorders.latency().recordMicros(job.latencyNanos() / 1_000);
        recorders.queueing().recordMicros(job.queueingNanos() / 1_000);
        recorders.service().recordMicros(job.serviceNanos() / 1_000);
        recorders.network().recordMicros(job.networkNanos() / 1_000);
        tell(job);
    }

    private void fail(Job job, Job.Failure why) {
        job.state = Job.State.FAILED;
        job.failure = why;
        job.doneAt = loop.now();
        if (why == Job.Failure.QUEUE_FULL) {
            failedQueueFull++;
        } else {
            failedOutage++;
        }
        tell(job);
    }

    private void tell(Job job) {
        for (JobListener o : observers) {
            o.done(job);
        }
        job.listener().done(job);
    }

    /** Starts waiting jobs while servers are free (more servers, a server just finished). */
    private void dispatch() {
        while (!queue.isEmpty() && inService.size() < settings.servers() && !settings.outage()) {
            account(loop.now());
            startService(queue.pollFirst());
        }
    }

    /** Applies a settings change: an outage fails what waits and what is in service; more servers start work. */
    private void reconcile() {
        if (settings.outage()) {
            account(loop.now());
            List<Job> lost = new ArrayList<>(queue);
            lost.addAll(inService);
            queue.clear();
            inService.clear();
            lost.forEach(j -> fail(j, Job.Failure.OUTAGE));
        } else {
            dispatch();
        }
    }

    private long halfRttNanos() {
        return Math.round(settings.networkRttMs() * 1e6 / 2);
    }

    /** Integrates the occupancy curves up to {@code now}, before they change (time averages, Little's law). */
    private void account(long now) {
        long dt = now - lastChange;
        if (dt > 0) {
            areaQueued += (double) queue.size() * dt;
            areaBusy += (double) inService.size() * dt;
            areaInTier += (double) (queue.size() + inService.size()) * dt;
            lastChange = now;
        }
    }

    /** Loop thread: makes the current counts visible to other threads, all at once. */
    void publish() {
        long now = loop.now();
        account(now);
        double span = Math.max(1, now - startedAt);
        counts = new TierCounts(name, now, arrivals, completed, failedQueueFull, failedOutage, networkOut, queue.size(),
                inService.size(), networkBack, settings.servers(), settings.queueCapacity(), settings.outage(),
                areaInTier / span, areaQueued / span, areaBusy / span);
    }

    /** Stops following the settings (the tier is being discarded). */
    void detach() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
