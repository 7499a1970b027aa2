package dev.flowdeck.engine.kafka;

/** Kafka could not be reached or refused what was asked; the message names the cluster and what to check. */
public final class KafkaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
