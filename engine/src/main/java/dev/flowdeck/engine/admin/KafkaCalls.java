package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an Admin call with Flowdeck's deadline and turns Kafka's failures into messages for the user. */
final class KafkaCalls {
    static final long TIMEOUT_MS = KafkaClients.REQUEST_TIMEOUT_MS + 2_000;

    private KafkaCalls() {
    }

    static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new AdminException(what + ": Kafka did not answer within " + TIMEOUT_MS / 1000
                    + " s. Check that the brokers are running and reachable.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(what + ": cancelled", e);
        }
    }

    static AdminException failure(String what, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String hint = "";
        if (cause instanceof TopicExistsException) {
            hint = " Choose another name.";
        } else if (cause instanceof UnknownTopicOrPartitionException) {
            hint = " Refresh the list: the topic may have been deleted.";
        } else if (cause instanceof InvalidReplicationFactorException) {
            hint = " The replication factor cannot be larger than the number of brokers.";
        } else if (cause instanceof InvalidPartitionsException) {
            hint = " Partitions can only be added, never removed.";
        } else if (cause instanceof GroupNotEmptyException) {
            hint = " Stop the group's consumers first.";
        } else if (cause instanceof GroupIdNotFoundException) {
            hint = " Refresh the list: the group may have been deleted.";
        } else if (cause instanceof AuthorizationException) {
            hint = " The Kafka user in the client properties lacks the permission (ACL).";
        } else if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            hint = " Check that the brokers are running and reachable.";
        }
        String kind = cause instanceof ApiException ? "" : cause.getClass().getSimpleName() + ": ";
        return new AdminException(what + ": " + kind + reason + hint, cause);
    }
}
