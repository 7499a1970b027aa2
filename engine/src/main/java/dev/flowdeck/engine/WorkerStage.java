package dev.flowdeck.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stage whose work runs on named threads ({@link #workerCount()}, one by default). Stopping is cooperative: the worker checks {@link #stopping()}
 * and waits through {@link #pause(long)}, which {@link #wake()} and {@link #stop()} cut short. Threads are never
 * interrupted, because Kafka clients treat an interrupt as a fatal error.
 */
public abstract class WorkerStage implements Stage {
    private static final long STOP_WAIT_MS = 15_000;
    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final StageId id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean stopping;
    private volatile StageStatus status = StageStatus.stopped();
    private final Object statusMonitor = new Object();
    private List<Thread> threads = List.of();

    protected WorkerStage(StageId id) {
        this.id = id;
    }

    @Override
    public StageId id() {
        return id;
    }

    @Override
    public StageStatus status() {
        return status;
    }

    @Override
    public synchronized void start() {
        if (threads.stream().anyMatch(Thread::isAlive)) {
            return;
        }
        stopping = false;
        setStatus(StageState.STARTING, "starting");
        int count = workerCount();
        List<Thread> started = new ArrayList<>(count);
        AtomicInteger running = new AtomicInteger(count);
        for (int i = 0; i < count; i++) {
            int worker = i;
            Thread t = new Thread(() -> runWorker(worker, running), count == 1 ? id.threadName() : id.threadName() + "-" + i);
            t.setDaemon(false);
            started.add(t);
        }
        threads = List.copyOf(started);
        threads.forEach(Thread::start);
    }

    @Override
    public synchronized void stop() {
        if (threads.isEmpty()) {
            return;
        }
        stopping = true;
        wake();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within {} ms", t.getName(), STOP_WAIT_MS);
            }
        }
        threads = List.of();
    }

    /** True while a worker thread of this stage is alive. */
    public final boolean isAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    private void runWorker(int worker, AtomicInteger running) {
        try {
            work(worker);
        } catch (Throwable e) {
            log.error("{} failed", Thread.currentThread().getName(), e);
            setStatus(StageState.FAILED, String.valueOf(e.getMessage()));
            stopping = true;
            wake();
        } finally {
            try {
                cleanUp(worker);
            } finally {
                if (running.decrementAndGet() == 0 && status.state() != StageState.FAILED) {
                    setStatus(StageState.STOPPED, "stopped");
                }
            }
        }
    }

    /** How many worker threads {@link #start()} runs; read at each start. */
    protected int workerCount() {
        return 1;
    }

    /** A worker's body; returns when {@link #stopping()} becomes true. */
    protected abstract void work(int worker) throws Exception;

    /** Releases what a worker holds; runs on its thread after {@link #work(int)}, even after a failure. */
    protected void cleanUp(int worker) {
    }

    protected final boolean stopping() {
        return stopping;
    }

    protected final void setStatus(StageState state, String message) {
        StageStatus current = status;
        if (current.state() != state || !current.message().equals(message)) {
            status = StageStatus.of(state, message);
            synchronized (statusMonitor) {
                statusMonitor.notifyAll();
            }
            if (state == StageState.DEGRADED || state == StageState.FAILED) {
                log.warn("{}: {} - {}", name(), state, message);
            } else {
                log.debug("{}: {} - {}", name(), state, message);
            }
        }
    }

    /** Waits until the stage is in {@code wanted} (true) or FAILED or the timeout passed (false). */
    public final boolean awaitState(StageState wanted, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (statusMonitor) {
            while (status.state() != wanted && status.state() != StageState.FAILED) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                statusMonitor.wait(left);
            }
            return status.state() == wanted;
        }
    }

    /** Waits up to {@code millis}, or less if woken or stopped. */
    protected final void pause(long millis) {
        waitFor(millis, true);
    }

    /** Waits {@code millis}, or less if stopped; a {@link #wake()} does not cut it short (for retry back-off). */
    protected final void backOff(long millis) {
        waitFor(millis, false);
    }

    private void waitFor(long millis, boolean wakeable) {
        if (millis <= 0) {
            return;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!(wakeable && signalled) && !stopping && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            if (wakeable) {
                signalled = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Cuts the worker's current {@link #pause(long)} short, e.g. because new rows are waiting. */
    public final void wake() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
