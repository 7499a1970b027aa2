package dev.flowdeck.engine.cdc.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChangeSource SOURCE = new ChangeSource("3.6.1.Final", "postgresql", "flowdeck", "shop", "public",
            "order_lines", "lsn", 23_456_789L, 771L, 1_700_000_000_123L, ChangeSource.STREAMING);

    private static Map<String, Object> row(long order, int line, int qty) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("order_id", order);
        r.put("line_no", line);
        r.put("sku", "sku" + line);
        r.put("qty", qty);
        r.put("price", new BigDecimal("12.50"));
        return r;
    }

    @Test
    void anUpdateCarriesBeforeAfterSourceOpAndTheKeyAsAnObject() throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ChangeEnvelope(true).records("flowdeck.public.order_lines",
                Map.of("order_id", 7L), ChangeOp.UPDATE, row(7, 1, 1), row(7, 1, 2), SOURCE, 1_700_000_000_200L);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).topic()).isEqualTo("flowdeck.public.order_lines");
        assertThat(JSON.readTree(records.get(0).key())).isEqualTo(JSON.readTree("{\"order_id\":7}"));
        JsonNode v = JSON.readTree(records.get(0).value());
        assertThat(v.fieldNames()).toIterable().containsExactly("before", "after", "source", "op", "ts_ms");
        assertThat(v.get("op").asText()).isEqualTo("u");
        assertThat(v.get("before").get("qty").asInt()).isEqualTo(1);
        assertThat(v.get("after").get("qty").asInt()).isEqualTo(2);
        assertThat(v.get("after").get("price").asText()).as("decimals as strings, like decimal.handling.mode=string").isEqualTo("12.50");
        assertThat(v.get("ts_ms").asLong()).isEqualTo(1_700_000_000_200L);
        JsonNode s = v.get("source");
        assertThat(s.get("connector").asText()).isEqualTo("postgresql");
        assertThat(s.get("db").asText()).isEqualTo("shop");
        assertThat(s.get("schema").asText()).isEqualTo("public");
        assertThat(s.get("table").asText()).isEqualTo("order_lines");
        assertThat(s.get("lsn").asLong()).isEqualTo(23_456_789L);
        assertThat(s.get("txId").asLong()).isEqualTo(771L);
        assertThat(s.get("ts_ms").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(s.get("snapshot").asText()).isEqualTo("false");
    }

    @Test
    void aDeleteIsFollowedByATombstoneUnlessSwitchedOff() {
        Map<String, Object> key = new LinkedHashMap<>(Map.of("order_id", 7L));
        List<ProducerRecord<byte[], byte[]>> on = new ChangeEnvelope(true).records("t", key, ChangeOp.DELETE,
                row(7, 1, 1), null, SOURCE, 1L);
        List<ProducerRecord<byte[], byte[]>> off = new ChangeEnvelope(false).records("t", key, ChangeOp.DELETE,
                row(7, 1, 1), null, SOURCE, 1L);

        assertThat(on).hasSize(2);
        assertThat(on.get(1).value()).isNull();
        assertThat(on.get(1).key()).isEqualTo(on.get(0).key());
        assertThat(off).hasSize(1);
        assertThat(ChangeEnvelope.read(off.get(0).value()).orElseThrow().row()).containsEntry("qty", 1);
    }

    @Test
    void readingBackNamesTheChangedFieldsOfAnUpdate() {
        byte[] value = ChangeEnvelope.value(ChangeOp.UPDATE, row(7, 1, 1), row(7, 1, 5), SOURCE, 2L);

        ChangeEnvelope.Read read = ChangeEnvelope.read(value).orElseThrow();

        assertThat(read.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(read.changedFields()).containsExactly("qty");
        assertThat(read.source()).containsEntry("table", "order_lines");
        assertThat(ChangeEnvelope.read(null)).isEmpty();
        assertThat(ChangeEnvelope.read("{\"id\":1,\"op\":\"c\"}".getBytes())).as("the livedb shape is not an envelope").isEmpty();
    }

    @Test
    void readingAcceptsDebeziumsSchemaWrapper() {
        String wrapped = "{\"schema\":{},\"payload\":{\"before\":null,\"after\":{\"id\":1},\"source\":{},\"op\":\"r\",\"ts_ms\":3}}";

        ChangeEnvelope.Read read = ChangeEnvelope.read(wrapped.getBytes()).orElseThrow();

        assertThat(read.op()).isEqualTo(ChangeOp.READ);
        assertThat(read.after()).containsEntry("id", 1);
    }
}
