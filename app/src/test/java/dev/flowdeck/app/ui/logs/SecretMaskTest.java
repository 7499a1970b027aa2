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
        // a short secret is masked where it stands alone, not inside longer words
        assertThat(SecretMask.apply("password is ab, table abc")).isEqualTo("password is ********, table abc");
    }

    @Test
    void theStderrLogIsMaskedToo() {
        SecretMask.use(List.of("pw9"));
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.flowdeck.test"), ch.qos.logback.classic.Level.WARN,
                "cannot connect to jdbc:postgresql://app:{}@db/x", new IllegalStateException("bad password=pw9"), new Object[] {"pw9"});
        assertThat(new MaskedMessageConverter().convert(event)).isEqualTo("cannot connect to jdbc:postgresql://app:********@db/x");
        MaskedThrowableConverter ex = new MaskedThrowableConverter();
        ex.start();
        assertThat(ex.convert(event)).contains("IllegalStateException").doesNotContain("pw9");
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
