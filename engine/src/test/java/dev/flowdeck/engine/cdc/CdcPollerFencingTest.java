package dev.flowdeck.engine.cdc;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Being fenced by a second instance is told apart from an outage: it does not end by itself. */
class CdcPollerFencingTest {
    @Test
    void fencingIsRecognisedThroughWrappers() {
        assertThat(CdcPoller.fencedByAnother(new KafkaException("commit failed", new ProducerFencedException("epoch")))).isTrue();
        assertThat(CdcPoller.fencedByAnother(new ExecutionException(new ProducerFencedException("epoch")))).isTrue();
        assertThat(CdcPoller.fencedByAnother(new TimeoutException("broker down"))).isFalse();
    }
}
