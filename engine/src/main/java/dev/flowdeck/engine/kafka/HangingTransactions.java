package dev.flowdeck.engine.kafka;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transactions that a broker restart left open on a partition although their coordinator has settled them.
 *
 * <p>Seen here with Kafka 4.3: the broker stops while a producer commits; after the restart the coordinator has
 * committed (or aborted) the transaction on some partitions but never writes its marker to another one. That
 * partition's last stable offset is then stuck for good: read_committed readers see nothing after it. Kafka's own
 * remedy is the AbortTransaction admin API ({@code kafka-transactions.sh abort}). A transaction of our
 * transactional id with an epoch below the id's current one cannot be in progress (the coordinator has moved the
 * id on), so if a partition still holds it open, it is hanging.
 */
public final class HangingTransactions {
    private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);

    /** An open transaction on one partition, from {@code startOffset} on. */
    public record Hanging(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset) {
    }

    private HangingTransactions() {
    }

    /** The hanging transactions of {@code transactionalId} on the given partitions; call after its initTransactions(). */
    public static List<Hanging> find(Admin admin, String transactionalId, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        TransactionDescription current = admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
                .get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<Hanging> hanging = new ArrayList<>();
        admin.describeProducers(partitions).all().get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((tp, state) -> {
                    for (ProducerState p : state.activeProducers()) {
                        if (p.producerId() == current.producerId() && p.producerEpoch() < current.producerEpoch()
                                && p.currentTransactionStartOffset().isPresent()) {
                            hanging.add(new Hanging(tp, p.producerId(), p.producerEpoch(), p.coordinatorEpoch().orElse(-1),
                                    p.currentTransactionStartOffset().getAsLong()));
                        }
                    }
                });
        return hanging;
    }

    /** Writes an abort marker for each, then waits until the partitions are readable again. */
    public static void abort(Admin admin, List<Hanging> hanging) throws ExecutionException, InterruptedException, TimeoutException {
        for (Hanging h : hanging) {
            log.warn("aborting a transaction Kafka left hanging on {} from offset {} (producer {} epoch {}), left by a broker "
                    + "that stopped during a commit", h.partition(), h.startOffset(), h.producerId(), h.producerEpoch());
            admin.abortTransaction(new AbortTransactionSpec(h.partition(), h.producerId(), (short) h.producerEpoch(),
                    h.coordinatorEpoch())).all().get(KafkaClients.REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        for (Hanging h : hanging) {
            awaitResolved(admin, h.partition(), Duration.ofSeconds(30));
        }
    }

    /** Waits until no transaction on {@code tp} is unresolved: its last stable offset equals its high watermark. */
    public static void awaitResolved(Admin admin, TopicPartition tp, Duration limit)
            throws ExecutionException, InterruptedException, TimeoutException {
        awaitResolved(admin, tp, KafkaDeadline.within(limit));
    }

    /** {@link #awaitResolved(Admin, TopicPartition, Duration)} that ends on {@code deadline}: its limit or its stage's stop. */
    public static void awaitResolved(Admin admin, TopicPartition tp, KafkaDeadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        String what = "waiting for the transactions on " + tp + " to resolve";
        while (true) {
            Map<TopicPartition, Long> stable = endOffsets(admin, List.of(tp), IsolationLevel.READ_COMMITTED, deadline);
            Map<TopicPartition, Long> high = endOffsets(admin, List.of(tp), IsolationLevel.READ_UNCOMMITTED, deadline);
            if (stable.get(tp) >= high.get(tp)) {
                return;
            }
            deadline.pause(what + " (stable offset " + stable.get(tp) + ", high watermark " + high.get(tp) + ")");
        }
    }

    /** {@link #endOffsets(Admin, Collection, IsolationLevel)} that ends on {@code deadline}. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions, IsolationLevel isolation,
                                                       KafkaDeadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        deadline.await(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all(), "reading the end offsets of " + partitions)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions, IsolationLevel isolation)
            throws ExecutionException, InterruptedException, TimeoutException {
        return endOffsets(admin, partitions, isolation, KafkaDeadline.within(Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS)));
    }
}
