package dev.flowdeck.app.ui.processor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the group members table names two workers' threads, which share one client id. */
class ProcessorViewTest {
    @Test
    void membersOfTwoWorkersAreToldApartByTheirIdsStart() {
        String a = "flowdeck-stream-processor-StreamThread-1-consumer-4767f3cc-0b1e-4d0a-9f43-6a3e2b7c1d00";
        String b = "flowdeck-stream-processor-StreamThread-1-consumer-b6b03426-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        assertThat(ProcessorView.shortMember(a)).isEqualTo("StreamThread-1 · 4767f3cc");
        assertThat(ProcessorView.shortMember(b)).isEqualTo("StreamThread-1 · b6b03426");
        assertThat(ProcessorView.shortMember("flowdeck-stream-processor-other")).isEqualTo("other");
        assertThat(ProcessorView.host("/127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ProcessorView.host("worker-2.example")).isEqualTo("worker-2.example");
    }
}
