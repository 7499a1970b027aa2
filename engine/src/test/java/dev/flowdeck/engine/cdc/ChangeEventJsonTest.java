package dev.flowdeck.engine.cdc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aWriterForManyEventsWritesEachAsAWriteOfItsOwnWould() {
        ChangeEvent a = new ChangeEvent(1, ChangeEvent.CREATE, "Acme", new BigDecimal("12.50"), "eu-west", 10, 17);
        ChangeEvent b = new ChangeEvent(2, ChangeEvent.REPLAY, "Ümlaut GmbH", new BigDecimal("-0.01"), "ap-south", 11, 19);
        try (ChangeEventJson.Writer writer = ChangeEventJson.writer()) {
            for (ChangeEvent e : new ChangeEvent[] {a, b, a}) {
                byte[] json = writer.write(e);
                assertThat(json).isEqualTo(ChangeEventJson.write(e)); // nothing left over from the one before
                assertThat(ChangeEventJson.read(json)).isEqualTo(e);
            }
        }
    }

    @Test
    void aStampHasTheIdTheOpAndTheTimesAndRejectsWhatReadRejects() {
        ChangeEvent replay = new ChangeEvent(7, ChangeEvent.REPLAY, "Acme", new BigDecimal("3.00"), "eu", 100, 250);
        assertThat(ChangeEventJson.readStamp(ChangeEventJson.write(replay)))
                .isEqualTo(new ChangeEventJson.Stamp(7, true, 100, 250));
        ChangeEvent live = new ChangeEvent(8, ChangeEvent.CREATE, "Acme", new BigDecimal("3.00"), "eu", 101, 251);
        assertThat(ChangeEventJson.readStamp(ChangeEventJson.write(live)).replay()).isFalse();

        byte[] noOp = "{\"id\":9,\"org\":\"Acme\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ChangeEventJson.readStamp(noOp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no id or op");
        assertThatThrownBy(() -> ChangeEventJson.read(noOp)).isInstanceOf(IllegalArgumentException.class);
        byte[] notJson = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ChangeEventJson.readStamp(notJson)).isInstanceOf(IllegalArgumentException.class);
    }
}
