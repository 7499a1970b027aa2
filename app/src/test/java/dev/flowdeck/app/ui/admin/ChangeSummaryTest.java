package dev.flowdeck.app.ui.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSummaryTest {
    private static final String SOURCE = "\"source\":{\"table\":\"orders\"}";

    @Test
    void namesTheOperationAndAnUpdatesChangedFields() {
        assertThat(ChangeSummary.of("{\"before\":{\"id\":1,\"status\":\"new\",\"amount\":\"1.00\"},"
                + "\"after\":{\"id\":1,\"status\":\"paid\",\"amount\":\"2.00\"}," + SOURCE + ",\"op\":\"u\",\"ts_ms\":1}"))
                .isEqualTo("update: amount, status");
        assertThat(ChangeSummary.of("{\"before\":null,\"after\":{\"id\":1}," + SOURCE + ",\"op\":\"c\",\"ts_ms\":1}")).isEqualTo("insert");
        assertThat(ChangeSummary.of("{\"before\":{\"id\":1},\"after\":null," + SOURCE + ",\"op\":\"d\",\"ts_ms\":1}")).isEqualTo("delete");
        assertThat(ChangeSummary.of("{\"before\":null,\"after\":{\"id\":1}," + SOURCE + ",\"op\":\"r\",\"ts_ms\":1}")).isEqualTo("snapshot");
    }

    @Test
    void saysNothingForRecordsThatAreNotChangeEnvelopes() {
        assertThat(ChangeSummary.of("{\"id\":42,\"op\":\"c\",\"org\":\"Acme\"}")).isEmpty();
        assertThat(ChangeSummary.of("plain text")).isEmpty();
        assertThat(ChangeSummary.of(null)).isEmpty();
    }
}
