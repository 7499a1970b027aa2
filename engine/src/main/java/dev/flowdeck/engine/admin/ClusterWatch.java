package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.PipelinePart;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.WorkerStage;
import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.common.KafkaException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the Kafka cluster while the pipeline runs: RUNNING while every broker is up and every partition led and
 * in sync, DEGRADED with the reason otherwise (e.g. "leader of db_live_events-0 moving: broker 1 down"). Each change
 * of that reason is kept with its time, so a failover can be told apart into its parts afterwards: when the cluster
 * noticed the broker gone (it leaves the live broker list at the moment the controller fences it, and its
 * partitions get new leaders in the same step) and when everything was back in sync.
 *
 * <p>Each reading costs a few admin requests (cluster, quorum, every topic's partitions), so the fast cadence is kept
 * for when there is something to watch: a cluster of two or more brokers (a failover can begin at any moment and its
 * parts are timed to that cadence) or a cluster that is not healthy or did not answer. A single healthy broker, the
 * embedded default, has no replica to fall out of sync and no leader to move, so it is read only every
 * {@link #QUIET_MS}; should it stop answering, the stages that use it say so themselves.
 *
 * <p>Between a broker's death and the controller fencing it (the session timeout, 9 s by default) the cluster's
 * metadata still looks healthy. So each reading also probes the listed brokers ({@link BrokerProbe}) and says
 * DEGRADED as soon as one stops answering, e.g. "broker 2 (host:9092) not answering for 4 s; Kafka moves its
 * partitions after the 9 s session timeout".
 */
public final class ClusterWatch extends WorkerStage {
    /** A change seen in the cluster; {@code problem} is empty when it became healthy. */
    public record Change(long atMillis, String problem) {
    }

    private final KafkaSettings kafka;
    private final String watchedTopic;
    private final long everyMs;
    private final List<Change> changes = new ArrayList<>();
    private volatile ClusterState latest;

    public static final StageId ID = StageId.of("cluster-watch", "Cluster watch");
    /** How often a single healthy broker is read. */
    public static final long QUIET_MS = 10_000;
    private final AtomicLong reads = new AtomicLong();
    /** How long a probe waits for a broker to accept a connection. */
    static final long PROBE_TIMEOUT_MS = 1_000;
    /** Kafka's default {@code broker.session.timeout.ms}, for when the brokers do not say theirs. */
    private static final long DEFAULT_SESSION_TIMEOUT_MS = 9_000;

    public ClusterWatch(KafkaSettings kafka, String watchedTopic, long everyMs) {
        super(ID);
        this.kafka = kafka;
        this.watchedTopic = watchedTopic;
        this.everyMs = everyMs;
    }

    /** The watch as a part of a pipeline: reads the pipeline's cluster every {@code everyMs}, watching its topic. */
    public static PipelinePart<ClusterWatch> part(long everyMs) {
        return p -> {
            ClusterWatch w = new ClusterWatch(p.pipeline().kafka(), p.pipeline().settings().topic(), everyMs);
            p.add(w);
            return w;
        };
    }

    /** The last reading, if there is one yet. */
    public Optional<ClusterState> latest() {
        return Optional.ofNullable(latest);
    }

    /** Every change of the cluster's health since start, oldest first. */
    public List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** How many readings were taken since start (each a few admin requests). */
    public long reads() {
        return reads.get();
    }

    /**
     * How long to wait after a reading: {@code everyMs} while there is something to watch, {@link #QUIET_MS} (or
     * {@code everyMs} if longer) for a single broker that is up and leads every partition in sync.
     *
     * @param reading the reading, or null if the cluster did not answer
     */
    static long pauseAfter(ClusterState reading, String problem, long everyMs) {
        boolean quiet = reading != null && problem.isEmpty() && reading.brokers().size() == 1;
        return quiet ? Math.max(everyMs, QUIET_MS) : everyMs;
    }

    @Override
    protected void work(int worker) throws Exception {
        String last = null;
        String clusterProblem = "";
        BrokerProbe probe = new BrokerProbe(PROBE_TIMEOUT_MS);
        long sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS;
        boolean askedSessionTimeout = false;
        try (ClusterService service = new ClusterService(kafka)) {
            while (!stopping()) {
                long pause = everyMs;
                // The probe goes first, on the last reading's brokers: a reading can wait seconds on a cluster that
                // just lost a broker (or its active controller); the probe never waits more than PROBE_TIMEOUT_MS.
                ClusterState before = latest;
                List<BrokerProbe.Silent> silent = before == null ? List.of() : probe.probe(before.brokers(), System.currentTimeMillis());
                if (!silent.isEmpty()) {
                    last = report(last, clusterProblem, silent, sessionTimeoutMs, System.currentTimeMillis(), before);
                }
                try {
                    ClusterState s = service.read();
                    reads.incrementAndGet();
                    latest = s;
                    if (!askedSessionTimeout) {
                        askedSessionTimeout = true;
                        OptionalInt any = s.brokers().stream().filter(ClusterState.Broker::up).mapToInt(ClusterState.Broker::id).findFirst();
                        if (any.isPresent()) {
                            sessionTimeoutMs = service.sessionTimeoutMs(any.getAsInt()).orElse(DEFAULT_SESSION_TIMEOUT_MS);
                        }
                    }
                    clusterProblem = s.problem(watchedTopic).orElse("");
                    // A broker the cluster now lists as down is the cluster's news, not the probe's.
                    List<BrokerProbe.Silent> stillListed = silent.stream()
                            .filter(x -> s.brokers().stream().anyMatch(b -> b.up() && b.id() == x.broker().id())).toList();
                    last = report(last, clusterProblem, stillListed, sessionTimeoutMs, s.readAtMs(), s);
                    pause = pauseAfter(s, last, everyMs);
                } catch (AdminException | KafkaException e) {
                    reads.incrementAndGet();
                    if (silent.isEmpty()) {
                        setStatus(StageState.DEGRADED, e.getMessage());
                    }
                }
                pause(pause);
            }
        }
    }

    /**
     * Sets the status from the cluster's problem and the brokers that stopped answering, and logs a change of them.
     * The change log keeps one entry per silence; the card counts its seconds.
     *
     * @return the problem as the change log keeps it (empty when healthy)
     */
    private String report(String last, String clusterProblem, List<BrokerProbe.Silent> silent, long sessionTimeoutMs,
                          long atMs, ClusterState reading) {
        String problem = clusterProblem;
        String shown = clusterProblem;
        if (!silent.isEmpty()) {
            String since = BrokerProbe.describe(silent, -1, sessionTimeoutMs);
            String now = BrokerProbe.describe(silent, System.currentTimeMillis(), sessionTimeoutMs);
            problem = problem.isEmpty() ? since : problem + "; " + since;
            shown = shown.isEmpty() ? now : shown + "; " + now;
        }
        if (!problem.equals(last)) {
            synchronized (changes) {
                changes.add(new Change(atMs, problem));
            }
            if (last != null) {
                log.info("cluster: {}", problem.isEmpty() ? "every broker up, every partition led and in sync" : problem);
            }
        }
        if (problem.isEmpty()) {
            int n = reading.brokers().size();
            setStatus(StageState.RUNNING, n + " broker" + (n == 1 ? "" : "s") + " up, every partition led and in sync");
        } else {
            setStatus(StageState.DEGRADED, shown);
        }
        return problem;
    }
}
