package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordExpressionTest {
    private static final long T = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private static KafkaMessage record(int partition, long offset, String key, String value, KafkaMessage.MessageHeader... headers) {
        return new KafkaMessage("orders", partition, offset, T + offset * 1000, "CreateTime", key, value, List.of(headers),
                key == null ? 0 : key.length(), value == null ? 0 : value.length());
    }

    @Test
    void combinesConditionsOnValueFields() {
        RecordExpression e = RecordExpression.compile("value.amount > 1000 && value.region == \"eu-west\"");
        assertThat(e.matches(record(0, 1, "a", "{\"amount\":1500,\"region\":\"eu-west\"}"))).isTrue();
        assertThat(e.matches(record(0, 2, "a", "{\"amount\":1500,\"region\":\"us-east\"}"))).isFalse();
        assertThat(e.matches(record(0, 3, "a", "{\"amount\":999.5,\"region\":\"eu-west\"}"))).isFalse();
        assertThat(e.matches(record(0, 4, "a", "{\"amount\":1000.5,\"region\":\"eu-west\"}"))).as("double against an int literal").isTrue();
        assertThat(e.failures()).isZero();
    }

    @Test
    void seesKeyHeadersPartitionOffsetAndTimestamp() {
        KafkaMessage m = record(2, 7, "user-42", "plain text", new KafkaMessage.MessageHeader("source", "cdc"));
        assertThat(RecordExpression.compile("key.startsWith('user-') && headers['source'] == 'cdc'").matches(m)).isTrue();
        assertThat(RecordExpression.compile("partition == 2 && offset >= 7").matches(m)).isTrue();
        assertThat(RecordExpression.compile("partition == 1").matches(m)).isFalse();
        assertThat(RecordExpression.compile("timestamp >= timestamp('2026-12-01T10:00:07Z')").matches(m)).isTrue();
        assertThat(RecordExpression.compile("timestamp > timestamp('2026-12-01T10:00:07Z')").matches(m)).isFalse();
        assertThat(RecordExpression.compile("value.contains('text') && topic == 'orders'").matches(m)).as("a non-JSON value is text").isTrue();
        assertThat(RecordExpression.compile("has(value.items) && size(value.items) == 2 && value.items[1].sku == 'b'")
                .matches(record(0, 0, null, "{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}"))).isTrue();
        assertThat(RecordExpression.compile("key == null && value == null").matches(record(0, 0, null, null))).as("tombstone").isTrue();
    }

    @Test
    void aRecordMissingTheFieldDoesNotMatchAndIsCounted() {
        RecordExpression e = RecordExpression.compile("value.amount > 10");
        assertThat(e.matches(record(1, 5, "a", "{\"other\":1}"))).isFalse();
        assertThat(e.failures()).isEqualTo(1);
        assertThat(e.firstFailure()).contains("offset 5 in partition 1").contains("amount");
        MessageFilter f = MessageFilter.expression("value.amount > 10");
        f.matches(record(0, 1, "a", "{}"));
        assertThat(f.evaluationNote()).startsWith("1 record could not be evaluated");
    }

    @Test
    void aBadExpressionIsRefusedWithWhereAndWhat() {
        assertThatThrownBy(() -> RecordExpression.compile("value.amount ><"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid CEL").hasMessageContaining("at 1:15").hasMessageContaining("^");
        assertThatThrownBy(() -> RecordExpression.compile("valu.amount > 1"))
                .hasMessageContaining("undeclared reference to 'valu'").hasMessageContaining("Use key, value");
        assertThatThrownBy(() -> RecordExpression.compile("value.amount + 1")).hasMessageContaining("expected type 'bool'");
        assertThatThrownBy(() -> MessageFilter.of(null, null, null, "key ==")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordExpression.compile("  ")).hasMessageContaining("empty");
    }

    @Test
    void combinesWithTheOtherFilterParts() {
        MessageFilter f = MessageFilter.of("k*", null, null, "value.n % 2 == 0");
        assertThat(f.matches(record(0, 0, "k1", "{\"n\":4}"))).as(f.evaluationNote()).isTrue();
        assertThat(f.matches(record(0, 0, "x1", "{\"n\":4}"))).isFalse();
        assertThat(f.matches(record(0, 0, "k1", "{\"n\":3}"))).isFalse();
        assertThat(f.description()).isEqualTo("key k*, value.n % 2 == 0");
    }
}
