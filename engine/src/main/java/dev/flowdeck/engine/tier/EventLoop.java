package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.metrics.LatencyRecorder;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event loop: events run one at a time, in time order, on one thread, and each sees the model time
 * ({@link #now()}) it was scheduled for. The tiers, the router and the arrival generators are written against it and
 * nothing else, so the same model runs on a {@linkplain TierClock#simulated() simulated clock} (sweeps and tests) or on
 * the {@linkplain TierClock#wall() wall clock} (the live pipeline, the HTTP endpoints).
 *
 * <p>Other threads hand work in through {@link #offer(Runnable)}: it is stamped with the clock's time when offered and
 * runs at that model time (or at the loop's current time if the loop has already moved past it). On the wall clock
 * an event runs when its time has come, a little late by the operating system's wake-up delay; that delay is
 * recorded ({@link #lag()}) but does not shift the model's times, so queueing delays are those of the model, not of
 * the host's scheduler.
 */
public final class EventLoop {
    public static final int DEFAULT_INBOX_LIMIT = 100_000;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int PUBLISH_EVERY_EVENTS = 256;

    private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final TierClock clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Event> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inboxSize = new AtomicInteger();
    private final int inboxLimit;
    private final List<Runnable> publishers = new CopyOnWriteArrayList<>();
    private final LatencyRecorder lag;
    private long now;
    private long seq;
    private volatile Thread runner;
    private volatile boolean parked;

    /** @param lag where the wall clock records how late each event ran (microseconds) */
    public EventLoop(TierClock clock, int inboxLimit, LatencyRecorder lag) {
        this.clock = clock;
        this.inboxLimit = inboxLimit;
        this.lag = lag;
    }

    public static EventLoop simulated() {
        return new EventLoop(TierClock.simulated(), DEFAULT_INBOX_LIMIT, new LatencyRecorder());
    }

    public static EventLoop wall() {
        return new EventLoop(TierClock.wall(), DEFAULT_INBOX_LIMIT, new LatencyRecorder());
    }

    public TierClock clock() {
        return clock;
    }

    /** The model time of the event running now. Loop thread only. */
    public long now() {
        return now;
    }

    /** Schedules {@code action} at model time {@code time} (not before now). Loop thread only. */
    public void at(long time, Runnable action) {
        events.add(new Event(Math.max(time, now), seq++, action));
    }

    /** Schedules {@code action} {@code delayNanos} after now. Loop thread only. */
    public void after(long delayNanos, Runnable action) {
        at(now + Math.max(0, delayNanos), action);
    }

    /**
     * Hands work in from any thread, stamped with the clock's time now. Returns false, and drops the work, when the
     * inbox already holds its limit: the caller decides whether to wait or to fail.
     */
    public boolean offer(Runnable action) {
        return offerAt(clock.now(), action);
    }

    /**
     * Hands in work for a given clock time, e.g. a load generator's planned arrival instant: handed in ahead of time,
     * it runs exactly then (on the wall clock the loop waits for it); handed in late, it runs at once. Refused like
     * {@link #offer(Runnable)} when the inbox is full.
     */
    public boolean offerAt(long clockTime, Runnable action) {
        if (inboxSize.incrementAndGet() > inboxLimit) {
            inboxSize.decrementAndGet();
            return false;
        }
        enqueue(clockTime, action);
        return true;
    }

    /** Like {@link #offer(Runnable)} but never refused: for control work such as a settings change. */
    public void post(Runnable action) {
        inboxSize.incrementAndGet();
        enqueue(clock.now(), action);
    }

    private void enqueue(long clockTime, Runnable action) {
        inbox.add(new Event(clockTime, 0, action));
        if (parked) {
            wake();
        }
    }

    /** Work handed in and not yet taken by the loop. */
    public int inboxSize() {
        return inboxSize.get();
    }

    /** Events scheduled and not yet run. Loop thread only. */
    public int pendingEvents() {
        return events.size();
    }

    /** Runs {@code r} on the loop thread whenever the loop is about to wait (wall clock) or returns (simulated). */
    public void onPublish(Runnable r) {
        publishers.add(r);
    }

    /** How late events ran on the wall clock, microseconds (empty on the simulated clock). Rolled by its owner. */
    public LatencyRecorder lag() {
        return lag;
    }

    /**
     * Simulated clock: runs every event up to {@code horizon} in time order, then sets the time to the horizon (if
     * finite). Runs on the calling thread.
     */
    public void runUntil(long horizon) {
        requireSimulated();
        loop(horizon, () -> false);
    }

    /** Simulated clock: runs until no event is left. */
    public void runUntilIdle() {
        runUntil(Long.MAX_VALUE);
    }

    /** Wall clock: runs on the calling thread until {@code stop} says so; {@link #wake()} cuts a wait short. */
    public void runLive(BooleanSupplier stop) {
        if (clock.isSimulated()) {
            throw new IllegalStateException("runLive needs the wall clock; use runUntil on the simulated clock");
        }
        runner = Thread.currentThread();
        try {
            loop(Long.MAX_VALUE, stop);
        } finally {
            runner = null;
        }
    }

    /** Cuts the live loop's current wait short (new work, a stop). */
    public void wake() {
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop(long horizon, BooleanSupplier stop) {
        boolean simulated = clock.isSimulated();
        int sincePublish = 0;
        while (!stop.getAsBoolean()) {
            drainInbox();
            Event next = events.peek();
            if (next == null || next.time() > horizon) {
                if (simulated) {
                    break;
                }
                publish();
                sincePublish = 0;
                idle(Math.min(horizon, clock.now() + IDLE_PARK_NANOS));
                continue;
            }
            if (next.time() > clock.now()) {
                if (!simulated) {
                    publish();
                    sincePublish = 0;
                }
                idle(next.time());
                continue;
            }
            events.poll();
            if (!simulated) {
                lag.recordMicros((clock.now() - next.time()) / 1_000);
            }
            now = Math.max(now, next.time());
            next.action().run();
            if (!simulated && ++sincePublish >= PUBLISH_EVERY_EVENTS) {
                publish();
                sincePublish = 0;
            }
        }
        if (simulated && horizon != Long.MAX_VALUE && horizon > now) {
            clock.awaitUntil(horizon);
            now = horizon;
        }
        publish();
    }

    private void idle(long deadline) {
        if (clock.isSimulated()) {
            clock.awaitUntil(deadline);
            return;
        }
        parked = true;
        if (inbox.isEmpty()) {
            clock.awaitUntil(deadline);
        }
        parked = false;
    }

    private void drainInbox() {
        Event e;
        while ((e = inbox.poll()) != null) {
            inboxSize.decrementAndGet();
            at(e.time(), e.action());
        }
    }

    private void publish() {
        for (Runnable p : publishers) {
            p.run();
        }
    }

    private void requireSimulated() {
        if (!clock.isSimulated()) {
            throw new IllegalStateException("runUntil needs the simulated clock; the wall clock runs through runLive");
        }
    }
}
