package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.host.DataFolderUsage;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderViewModelTest {
    static final Path FOLDER = Path.of("/data/flowdeck");
    final AtomicReference<Profile> profile = new AtomicReference<>(Profile.embedded());
    final AtomicReference<Long> free = new AtomicReference<>(38_000_000_000L);
    final AtomicInteger resets = new AtomicInteger();
    final DataFolderViewModel vm = new DataFolderViewModel(FOLDER, this::usage, profile::get, new DirectTaskRunner(),
            resets::incrementAndGet);

    DataFolderUsage usage() {
        return new DataFolderUsage(FOLDER, Map.of(DataFolderUsage.KAFKA, 800_000_000L, DataFolderUsage.H2, 300_000_000L,
                DataFolderUsage.STREAMS, 90_000_000L, DataFolderUsage.OTHER, 10_000_000L), free.get(), 500_000_000_000L);
    }

    @Test
    void showsEachPartTheTotalAndTheFreeDisk() {
        vm.refresh();
        assertThat(vm.kafkaProperty().get()).isEqualTo("800 MB");
        assertThat(vm.h2Property().get()).isEqualTo("300 MB");
        assertThat(vm.streamsProperty().get()).isEqualTo("90 MB");
        assertThat(vm.totalProperty().get()).isEqualTo("1.2 GB");
        assertThat(vm.freeProperty().get()).isEqualTo("38 GB free of 500 GB");
        assertThat(vm.compactProperty().get()).isEqualTo("Data 1.2 GB · 38 GB free");
        assertThat(vm.lowDiskProperty().get()).isFalse();
        assertThat(vm.warningProperty().get()).isEmpty();
    }

    @Test
    void warnsWhenTheFreeDiskIsBelowTheLimit() {
        free.set(1_400_000_000L);
        vm.refresh();
        assertThat(vm.lowDiskProperty().get()).isTrue();
        assertThat(vm.warningProperty().get()).isEqualTo("Disk almost full: 1.4 GB free in /data/flowdeck — Kafka stops "
                + "accepting events when it is full; lower the retention or reset data");

        free.set(DataFolderUsage.LOW_FREE_BYTES);
        vm.refresh();
        assertThat(vm.warningProperty().get()).isEmpty();
    }

    @Test
    void onPostgresqlAndAClusterSaysWhichPartsLiveElsewhereAndOffersNoReset() {
        profile.set(new Profile("Prod", Profile.Kind.EXTERNAL, "kafka1:9092", Map.of(),
                "jdbc:postgresql://db:5432/flowdeck", "flowdeck", "", false));
        vm.refresh();
        assertThat(vm.kafkaProperty().get()).isEqualTo("on the cluster at kafka1:9092 (not in this folder)");
        assertThat(vm.h2Property().get()).startsWith("PostgreSQL (not in this folder; an earlier H2 database here: 300 MB)");
        assertThat(vm.resetAvailableProperty().get()).isFalse();
        assertThat(vm.resetNoteProperty().get()).contains("Only for the Embedded profile").contains("'Prod'");

        vm.reset();
        assertThat(resets).hasValue(0);
    }

    @Test
    void resetRunsOnlyOnTheEmbeddedProfileAndSaysWhatItDeletes() {
        assertThat(vm.confirmation()).contains("/data/flowdeck").contains("Kafka logs").contains("H2 database")
                .contains("Streams state").contains("cannot be undone");
        vm.reset();
        assertThat(resets).hasValue(1);
        assertThat(vm.messageProperty().get()).isEqualTo("Data reset: the pipeline runs again on empty data");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
