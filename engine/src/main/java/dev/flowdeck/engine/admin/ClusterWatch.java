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
        BrokerProbe probe = new BrokerProbe(PROBE_TIMEOUT_MS);
        long sessionTimeoutMs = -1;
        try (ClusterService service = new ClusterService(kafka)) {
            while (!stopping()) {
                long pause = everyMs;
                try {
                    ClusterState s = service.read();
                    reads.incrementAndGet();
                    latest = s;
                    String problem = s.problem(watchedTopic).orElse("");
                    List<BrokerProbe.Silent> silent = probe.probe(s.brokers(), System.currentTimeMillis());
                    String shown = problem;
                    if (!silent.isEmpty()) {
                        if (sessionTimeoutMs < 0) {
                            int asked = s.brokers().stream().filter(b -> b.up() && silent.stream().noneMatch(x -> x.broker().id() == b.id()))
                                    .mapToInt(ClusterState.Broker::id).findFirst().orElse(silent.get(0).broker().id());
                            sessionTimeoutMs = service.sessionTimeoutMs(asked).orElse(DEFAULT_SESSION_TIMEOUT_MS);
                        }
                        // The change log keeps one entry per silence; the card counts its seconds.
                        String since = BrokerProbe.describe(silent, -1, sessionTimeoutMs);
                        String now = BrokerProbe.describe(silent, System.currentTimeMillis(), sessionTimeoutMs);
                        problem = problem.isEmpty() ? since : problem + "; " + since;
                        shown = shown.isEmpty() ? now : shown + "; " + now;
                    }
                    if (!problem.equals(last)) {
                        synchronized (changes) {
                            changes.add(new Change(s.readAtMs(), problem));
                        }
                        if (last != null) {
                            log.info("cluster: {}", problem.isEmpty() ? "every broker up, every partition led and in sync" : problem);
                        }
                        last = problem;
                    }
                    if (problem.isEmpty()) {
                        setStatus(StageState.RUNNING, s.brokers().size() + " broker" + (s.brokers().size() == 1 ? "" : "s")
                                + " up, every partition led and in sync");
                    } else {
                        setStatus(StageState.DEGRADED, shown);
                    }
                    pause = pauseAfter(s, problem, everyMs);
                } catch (AdminException | KafkaException e) {
                    reads.incrementAndGet();
                    setStatus(StageState.DEGRADED, e.getMessage());
                }
                pause(pause);
            }
        }
    }
}
