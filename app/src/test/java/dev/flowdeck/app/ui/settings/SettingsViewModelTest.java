package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.Secrets;
import dev.flowdeck.engine.kafka.KafkaUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The Settings page's view model without a toolkit: validation, secrets, test, save, switch. */
class SettingsViewModelTest {
    @TempDir
    Path dir;
    private final AtomicReference<Profile> active = new AtomicReference<>(Profile.embedded());
    private final List<Profile> switched = new ArrayList<>();
    private final List<String> probed = new CopyOnWriteArrayList<>(); // the two probes run on two threads at once

    private final ConnectionTest.Probes fine = new ConnectionTest.Probes() {
        @Override
        public String kafka(KafkaSettings settings, Duration timeout) {
            probed.add("kafka " + settings.bootstrapServers());
            return "cluster abc, 3 brokers";
        }

        @Override
        public String database(DbSettings settings, Duration timeout) {
            probed.add("db " + settings.safeUrl());
            return "PostgreSQL 15.8";
        }
    };

    private SettingsViewModel vm(ConnectionTest.Probes probes) {
        return new SettingsViewModel(ProfileStore.load(dir), new DirectTaskRunner(), active::get, p -> {
            switched.add(p);
            active.set(p);
        }, probes);
    }

    private static void fill(SettingsViewModel vm) {
        vm.newProfile();
        vm.nameProperty().set("Staging");
        vm.bootstrapProperty().set("kafka1:9093,kafka2:9093");
        vm.kafkaPropertiesProperty().set("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-secret\";\n");
        vm.jdbcUrlProperty().set("jdbc:postgresql://db.example:5432/flowdeck?sslmode=require");
        vm.dbUserProperty().set("flowdeck");
        vm.dbPasswordProperty().set("db-secret");
    }

    @Test
    void startsOnTheActiveEmbeddedProfileWhichCannotBeEdited() {
        SettingsViewModel vm = vm(fine);
        assertThat(vm.names()).containsExactly("Embedded");
        assertThat(vm.selectedProperty().get()).isEqualTo("Embedded");
        assertThat(vm.editableProperty().get()).isFalse();
        vm.delete();
        assertThat(vm.messageProperty().get()).contains("cannot be deleted");
    }

    @Test
    void badInputGetsAMessageNamingWhatIsWrong() {
        SettingsViewModel vm = vm(fine);
        vm.newProfile();
        vm.bootstrapProperty().set("kafka1");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("'kafka1' is not host:port");

        vm.bootstrapProperty().set("");
        vm.jdbcUrlProperty().set("jdbc:mysql://x/y");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("unsupported JDBC URL");

        vm.nameProperty().set("Embedded");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("built-in profile");
    }

    @Test
    void testConnectionReportsBothParts() {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(SettingsViewModel.TestState.OK);
        assertThat(vm.testKafkaProperty().get()).isEqualTo("Kafka: reachable — cluster abc, 3 brokers");
        assertThat(vm.testDatabaseProperty().get()).isEqualTo("Database: reachable — PostgreSQL 15.8");
        assertThat(probed).containsExactlyInAnyOrder("kafka kafka1:9093,kafka2:9093",
                "db jdbc:postgresql://db.example:5432/flowdeck?sslmode=require");
    }

    @Test
    void aFailedTestSaysWhichPartFailedWithoutSecrets() {
        SettingsViewModel vm = vm(new ConnectionTest.Probes() {
            @Override
            public String kafka(KafkaSettings settings, Duration timeout) {
                throw new KafkaUnavailableException("cannot reach Kafka at kafka1:9093 (no answer within 8 s)", null);
            }

            @Override
            public String database(DbSettings settings, Duration timeout) {
                throw new IllegalStateException("password db-secret rejected");
            }
        });
        fill(vm);
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(SettingsViewModel.TestState.FAILED);
        assertThat(vm.testKafkaProperty().get()).startsWith("Kafka: failed — cannot reach Kafka at kafka1:9093");
        assertThat(vm.testDatabaseProperty().get()).startsWith("Database: failed").doesNotContain("db-secret");
    }

    @Test
    void aSlowProbeStillAnswersWithinTheLimit() {
        SettingsViewModel vm = vm(new ConnectionTest.Probes() {
            @Override
            public String kafka(KafkaSettings settings, Duration timeout) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "late";
            }

            @Override
            public String database(DbSettings settings, Duration timeout) {
                return "PostgreSQL 15";
            }
        });
        fill(vm);
        long t0 = System.nanoTime();
        vm.test();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(ConnectionTest.LIMIT.toMillis() + 1_500);
        assertThat(vm.testKafkaProperty().get()).contains("no answer within 10 s");
        assertThat(vm.testDatabaseProperty().get()).contains("reachable");
    }

    @Test
    void savedSecretsShowMaskedAndAMaskLeftAloneKeepsTheSecret() throws Exception {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.rememberSecretsProperty().set(true);
        vm.save();
        assertThat(vm.messageProperty().get()).startsWith("Saved profile 'Staging'");

        SettingsViewModel again = vm(fine);
        again.selectedProperty().set("Staging");
        assertThat(again.kafkaPropertiesProperty().get()).contains("sasl.jaas.config=" + Secrets.MASK).doesNotContain("jaas-secret");
        assertThat(again.formProfile().kafkaProperties().get("sasl.jaas.config")).contains("jaas-secret");
        assertThat(again.dbPasswordProperty().get()).isEqualTo("db-secret");
    }

    @Test
    void aPasswordInsideTheJdbcUrlShowsMaskedAndAMaskedUrlLeftAloneKeepsIt() throws Exception {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.jdbcUrlProperty().set("jdbc:postgresql://db.example:5432/flowdeck?sslmode=require&password=url-secret");
        vm.rememberSecretsProperty().set(true);
        vm.save();

        SettingsViewModel again = vm(fine);
        again.selectedProperty().set("Staging");
        assertThat(again.jdbcUrlProperty().get()).doesNotContain("url-secret").contains("password=" + Secrets.MASK);
        assertThat(again.formProfile().jdbcUrl()).contains("password=url-secret");
    }

    @Test
    void secretsAreWrittenOnlyWhenRememberedAndThenOnlyForTheOwner() throws Exception {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.save();
        String json = Files.readString(dir.resolve(ProfileStore.PROFILES));
        assertThat(json).contains("kafka1:9093").contains("SASL_SSL").doesNotContain("jaas-secret").doesNotContain("db-secret");
        assertThat(dir.resolve(ProfileStore.SECRETS)).doesNotExist();

        vm.rememberSecretsProperty().set(true);
        vm.save();
        Path secrets = dir.resolve(ProfileStore.SECRETS);
        assertThat(Files.readString(secrets)).contains("db-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(ProfileStore.PROFILES))).doesNotContain("db-secret").doesNotContain("jaas-secret");
    }

    @Test
    void theSchemaRegistryIsPartOfTheProfileAndItsSecretsAreKeptLikeTheOthers() throws Exception {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.registryUserProperty().set("reader");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("Schema Registry credentials need its URL");

        vm.registryUrlProperty().set("registry:8081");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("'registry:8081' is not an http(s) URL");

        vm.registryUrlProperty().set("https://registry.example:8081");
        vm.registryPasswordProperty().set("reg-secret");
        vm.rememberSecretsProperty().set(true);
        vm.save();
        assertThat(vm.messageProperty().get()).startsWith("Saved profile 'Staging'");
        assertThat(Files.readString(dir.resolve(ProfileStore.PROFILES))).contains("https://registry.example:8081")
                .doesNotContain("reg-secret");

        SettingsViewModel again = vm(fine);
        again.selectedProperty().set("Staging");
        assertThat(again.registryUrlProperty().get()).isEqualTo("https://registry.example:8081");
        assertThat(again.registryUserProperty().get()).isEqualTo("reader");
        assertThat(again.formProfile().registry().password()).isEqualTo("reg-secret");
        assertThat(again.formProfile().toString()).doesNotContain("reg-secret");
    }

    @Test
    void useSwitchesThePipelineAndRemembersTheChoice() {
        SettingsViewModel vm = vm(fine);
        fill(vm);
        vm.use();
        assertThat(switched).extracting(Profile::name).containsExactly("Staging");
        assertThat(vm.activeNameProperty().get()).isEqualTo("Staging");
        assertThat(ProfileStore.load(dir).selected().name()).isEqualTo("Staging");
        vm.delete();
        assertThat(vm.messageProperty().get()).contains("in use");
    }
}
