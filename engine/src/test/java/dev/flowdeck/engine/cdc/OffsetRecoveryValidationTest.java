package dev.flowdeck.engine.cdc;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery counts a record as a published row only if it is a change event the poller could have written. */
class OffsetRecoveryValidationTest {
    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("db_live_events", 0, 7, key, value);
    }

    private static byte[] event(long id) {
        return ChangeEventJson.write(new ChangeEvent(id, ChangeEvent.CREATE, "Acme", BigDecimal.ONE, "eu", 1_000, 2_000));
    }

    @Test
    void onlyAChangeEventWhoseIdIsItsKeyCounts() {
        assertThat(OffsetRecovery.validId(record("42", event(42)))).isEqualTo(42);
        assertThat(OffsetRecovery.validId(record("not-a-number", event(42)))).isEqualTo(-1); // used to fail every start
        assertThat(OffsetRecovery.validId(record(null, event(42)))).isEqualTo(-1);
        assertThat(OffsetRecovery.validId(record("43", "hello".getBytes(StandardCharsets.UTF_8)))).isEqualTo(-1); // used to hide row 43
        assertThat(OffsetRecovery.validId(record("44", event(45)))).isEqualTo(-1);
        assertThat(OffsetRecovery.validId(record("46", null))).isEqualTo(-1);
    }
}
