package dev.flowdeck.app.ui.logs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never reach the Logs view: the ring appender masks URL passwords and the profile's secret values. */
class SecretMaskTest {
    @AfterEach
    void forget() {
        SecretMask.use(List.of());
    }

    @Test
    void masksPasswordParametersAndKnownSecretValues() {
        SecretMask.use(List.of("s3cr3t-pw", "ab"));
        assertThat(SecretMask.apply("jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=********&ssl=true");
        assertThat(SecretMask.apply("login failed for s3cr3t-pw")).isEqualTo("login failed for ********");
        assertThat(SecretMask.apply("ab stays: too short to be a secret")).startsWith("ab stays");
    }

    @Test
    void theRingAppenderStoresMaskedLines() {
        LogRing ring = RingAppender.install(100);
        SecretMask.use(List.of("org.apache.kafka.common.security.plain.PlainLoginModule required password=\"pw-123456\";"));
        long before = ring.lastSeq();
        LoggerFactory.getLogger("dev.flowdeck.test").warn("connecting with password=pw-123456 to jdbc:postgresql://h/db?password=pw-123456");
        List<LogEntry> lines = ring.since(before);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.message()).doesNotContain("pw-123456").contains("********");
            assertThat(l.level()).isEqualTo("WARN");
            assertThat(l.source()).isEqualTo("test");
        });
    }

    @Test
    void theRingKeepsOnlyTheNewest() {
        LogRing ring = new LogRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i, "INFO", "a.B", "t", "m" + i);
        }
        assertThat(ring.since(0)).extracting(LogEntry::message).containsExactly("m3", "m4", "m5");
        assertThat(ring.since(4)).extracting(LogEntry::message).containsExactly("m5");
    }
}
