package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskingTest {
    private static KafkaMessage record(String key, String value, KafkaMessage.MessageHeader... headers) {
        return new KafkaMessage("t", 0, 0, 0, "CreateTime", key, value, List.of(headers), 0, 0);
    }

    @Test
    void secretNamedFieldsAreMaskedByDefaultAtAnyDepthAndCase() {
        KafkaMessage m = Masking.defaults().apply(record("k", "{\"user\":{\"name\":\"ann\",\"password\":\"hunter2\","
                + "\"clientSecret\":{\"a\":1}},\"api-key\":\"abc\",\"tokens_used\":5,\"keyboard\":\"qwerty\","
                + "\"items\":[{\"card_number\":\"4111\"}]}", new KafkaMessage.MessageHeader("Authorization", "Bearer x"),
                new KafkaMessage.MessageHeader("trace", "t1")));
        assertThat(m.value()).isEqualTo("{\"user\":{\"name\":\"ann\",\"password\":\"****\",\"clientSecret\":\"****\"},"
                + "\"api-key\":\"****\",\"tokens_used\":5,\"keyboard\":\"qwerty\",\"items\":[{\"card_number\":\"****\"}]}");
        assertThat(m.headers()).containsExactly(new KafkaMessage.MessageHeader("Authorization", "****"),
                new KafkaMessage.MessageHeader("trace", "t1"));
    }

    @Test
    void aRecordWithoutSecretsIsReturnedAsIs() {
        KafkaMessage m = record("k", "{ \"region\" : \"eu-west\" }");
        assertThat(Masking.defaults().apply(m)).isSameAs(m);
        assertThat(Masking.NONE.apply(record("k", "{\"password\":\"p\"}")).value()).contains("\"p\"");
    }

    @Test
    void pathAndRegexRules() {
        Masking rules = Masking.of(List.of("value.customer.email", "*.phone", "value.*.iban", "key.ssn_hint",
                "re:\\d{4}-\\d{4}-\\d{4}-\\d{4}"), false);
        KafkaMessage m = rules.apply(record("{\"ssn_hint\":\"12\"}", "{\"customer\":{\"email\":\"a@b.c\",\"phone\":\"1\"},"
                + "\"email\":\"top@level\",\"bank\":{\"iban\":\"DE00\"},\"note\":\"paid with 1234-5678-9012-3456 today\"}",
                new KafkaMessage.MessageHeader("phone", "555")));
        assertThat(m.key()).isEqualTo("{\"ssn_hint\":\"****\"}");
        assertThat(m.value()).isEqualTo("{\"customer\":{\"email\":\"****\",\"phone\":\"****\"},\"email\":\"top@level\","
                + "\"bank\":{\"iban\":\"****\"},\"note\":\"paid with **** today\"}");
        assertThat(m.headers().get(0).value()).isEqualTo("****");
        assertThat(rules.apply(record("k", "card 1111-2222-3333-4444")).value()).isEqualTo("card ****");

        assertThatThrownBy(() -> Masking.of(List.of("email"), false)).hasMessageContaining("is not a field path")
                .hasMessageContaining("*.email");
        assertThatThrownBy(() -> Masking.of(List.of("re:(unclosed"), false)).hasMessageContaining("is not a regular expression");
    }

    @Test
    void exportsOfMaskedRecordsCarryNoSecret() throws Exception {
        KafkaMessage m = Masking.defaults().apply(record("k", "{\"user\":\"ann\",\"password\":\"hunter2\"}"));
        StringWriter out = new StringWriter();
        MessageExport.writeJsonLines(List.of(m), out);
        StringWriter csv = new StringWriter();
        MessageExport.writeCsv(List.of(m), csv);
        assertThat(out.toString()).contains("\"password\":\"****\"").doesNotContain("hunter2");
        assertThat(csv.toString()).doesNotContain("hunter2");
    }

    @Test
    void namesLikeSecrets() {
        assertThat(List.of("password", "DB_PASSWORD", "clientSecret", "access_token", "apiKey", "privateKey", "cvv", "ssn",
                "credentials", "authorization")).allMatch(Masking::isSecretName);
        assertThat(List.of("tokens_used", "keyboard", "region", "amount", "passenger", "monkey")).noneMatch(Masking::isSecretName);
    }
}
