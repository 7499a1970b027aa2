package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.stream.ProcessorSettings;
import dev.flowdeck.engine.stream.StateStoreKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorOptionsTest {
    /** Stands in for FlowdeckCommand: the mixin reads --data-dir from the command it is mixed into. */
    @Command(name = "host")
    static final class Host {
        @Option(names = "--data-dir")
        Path dataDir;

        @Mixin
        ProcessorOptions processor;
    }

    private static Host parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host;
    }

    @Test
    void withoutTheFlagThereIsNoProcessor() {
        assertThat(parse().processor.extension()).isEmpty();
    }

    @Test
    void optionsBecomeSettings() {
        Host host = parse("--processor", "--stream-threads", "2", "--processing-guarantee", "at_least_once",
                "--commit-interval-ms", "500", "--window-s", "2.5", "--grace-s", "60", "--alert-amount", "123.45",
                "--anomaly-z", "4", "--processor-app-id", "bench", "--state-store", "memory");
        assertThat(host.processor.extension()).isPresent();
        ProcessorSettings s = host.processor.toSettings();
        assertThat(s.streamThreads()).isEqualTo(2);
        assertThat(s.processingGuarantee()).isEqualTo(ProcessorSettings.AT_LEAST_ONCE);
        assertThat(s.commitIntervalMs()).isEqualTo(500);
        assertThat(s.window()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.grace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.alertAmount()).isEqualByComparingTo(new BigDecimal("123.45"));
        assertThat(s.anomalyZ()).isEqualTo(4.0);
        assertThat(s.effectiveApplicationId()).isEqualTo("bench-w2500ms");
        assertThat(s.stateStore()).isEqualTo(StateStoreKind.MEMORY);
        assertThat(parse("--processor").processor.toSettings().stateStore()).as("default").isEqualTo(StateStoreKind.ROCKSDB);
    }

    @Test
    void aBadValueIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> parse("--processor", "--processing-guarantee", "exactly_once").processor.extension())
                .isInstanceOf(SettingsException.class).hasMessageContaining("exactly_once_v2");
        assertThatThrownBy(() -> parse("--processor", "--stream-threads", "0").processor.extension())
                .isInstanceOf(SettingsException.class).hasMessageContaining("stream threads");
        assertThatThrownBy(() -> parse("--processor", "--state-store", "leveldb").processor.extension())
                .isInstanceOf(SettingsException.class).hasMessageContaining("state store 'leveldb'").hasMessageContaining("rocksdb");
    }
}
