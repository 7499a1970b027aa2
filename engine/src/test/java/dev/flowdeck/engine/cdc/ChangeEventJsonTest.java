package dev.flowdeck.engine.cdc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventJsonTest {

    @Test
    void roundTripsAndWritesEachRowsOwnCreationTime() {
        long first = 1_795_000_000_123_456L;
        long second = first + 1;
        for (long created : new long[] {first, first, second, first}) {
            ChangeEvent e = new ChangeEvent(42, ChangeEvent.CREATE, "Acme", new BigDecimal("12.50"), "eu-west", created, created + 7);
            byte[] json = ChangeEventJson.write(e);
            String text = new String(json, StandardCharsets.UTF_8);
            assertThat(text).contains("\"created_at\":\"" + java.time.Instant.EPOCH.plusNanos(created * 1_000) + "\"");
            assertThat(ChangeEventJson.read(json)).isEqualTo(e);
        }
    }
}
