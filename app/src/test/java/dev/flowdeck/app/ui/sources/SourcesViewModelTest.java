package dev.flowdeck.app.ui.sources;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.engine.cdc.capture.CaptureSettings;
import dev.flowdeck.engine.cdc.capture.CaptureSource;
import dev.flowdeck.engine.cdc.capture.HeldChanges;
import dev.flowdeck.engine.cdc.capture.TableId;
import dev.flowdeck.engine.cdc.capture.h2.ChangeLog;
import dev.flowdeck.engine.cdc.capture.h2.H2ChangeLogCapture;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.db.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sources page's state, without a toolkit: listing, ticking, refusing, starting, and the held-back warning. */
class SourcesViewModelTest {
    @TempDir
    Path dir;
    Database db;
    final List<CaptureSettings> started = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        db = Database.connect(new DbSettings("jdbc:h2:file:" + dir.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""));
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20))",
                "CREATE TABLE notes (txt VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 'new'), (2, 'paid')");
    }

    SourcesViewModel vm(Optional<KafkaSettings> kafka) {
        FixedContext context = new FixedContext(new DirectTaskRunner(), kafka, Optional.of(db), dir, dir);
        return new SourcesViewModel(context, new CaptureBoard(), (d, k, settings) -> {
            started.add(settings);
            return new dev.flowdeck.engine.cdc.capture.h2.H2ChangeLogCapture(d, k, settings);
        });
    }

    @Test
    void listsUserTablesWithKeyAndEstimateButNotFlowdecksOwn() {
        SourcesViewModel vm = vm(Optional.empty());
        vm.load();
        assertThat(vm.tables()).extracting(SourceTableRow::name)
                .contains("public.orders", "public.notes", "public.livedb").doesNotContain("public.cdc_offsets");
        SourceTableRow orders = row(vm, "public.orders");
        assertThat(orders.primaryKey()).isEqualTo("id");
        assertThat(orders.rowEstimate()).isEqualTo("2");
        assertThat(row(vm, "public.notes").primaryKey()).contains("none");
        assertThat(vm.heldProperty().get()).contains("No change log");
    }

    @Test
    void refusesNothingTickedAKeylessTableAndMissingKafkaWithAMessage() {
        SourcesViewModel vm = vm(Optional.empty());
        vm.load();
        vm.start();
        assertThat(vm.errorProperty().get()).contains("Tick at least one table");
        row(vm, "public.notes").selectedProperty().set(true);
        vm.start();
        assertThat(vm.errorProperty().get()).contains("public.notes").contains("no primary key");
        row(vm, "public.notes").selectedProperty().set(false);
        row(vm, "public.orders").selectedProperty().set(true);
        vm.start();
        assertThat(vm.errorProperty().get()).contains("Kafka");
        assertThat(started).isEmpty();
        assertThat(vm.capturingProperty().get()).isFalse();
    }

    @Test
    void startCapturesExactlyTheTickedTablesAndKeepsTicksOverARefresh() {
        SourcesViewModel vm = vm(Optional.of(KafkaSettings.of("127.0.0.1:1")));
        vm.load();
        row(vm, "public.orders").selectedProperty().set(true);
        vm.load();
        assertThat(row(vm, "public.orders").selectedProperty().get()).as("ticks survive a refresh").isTrue();
        vm.start();
        assertThat(started).singleElement().satisfies(s -> assertThat(s.tables()).containsExactly(TableId.parse("public.orders")));
        assertThat(vm.capturingProperty().get()).isTrue();
        vm.refresh();
        assertThat(row(vm, "public.orders").progressProperty().get()).isGreaterThanOrEqualTo(0);
        vm.remove(false);
        assertThat(vm.capturingProperty().get()).isFalse();
    }

    @Test
    void aCaptureLeftByAnEarlierRunCanBeRemovedWithoutStartingOne() throws Exception {
        try (var c = db.open()) {
            ChangeLog.install(c, List.of(TableId.parse("public.orders"))); // what an earlier run (then a restart) left
        }
        List<CaptureSettings> released = new ArrayList<>();
        FixedContext context = new FixedContext(new DirectTaskRunner(), Optional.of(KafkaSettings.of("127.0.0.1:1")),
                Optional.of(db), dir, dir);
        SourcesViewModel vm = new SourcesViewModel(context, new CaptureBoard(), (d, k, settings) ->
                new ReleaseRecorder(d, new H2ChangeLogCapture(d, k, settings), released));

        vm.load();

        assertThat(vm.hasSourceProperty().get()).as("Remove source… is enabled").isTrue();
        assertThat(vm.capturingProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).contains("earlier capture left").contains("public.orders");
        assertThat(row(vm, "public.orders").selectedProperty().get()).as("ticked, so Start resumes it").isTrue();
        assertThat(vm.removeQuestion()).contains("triggers on public.orders");

        vm.remove(true);

        assertThat(released).singleElement().satisfies(s -> assertThat(s.tables()).containsExactly(TableId.parse("public.orders")));
        assertThat(vm.hasSourceProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void warnsInPlainWordsWhenASlotHoldsBackMuchWal() {
        SourcesViewModel vm = vm(Optional.empty());
        vm.showHeld(List.of(new HeldChanges("flowdeck_shop", false, 3_000_000_000L, true)), true);
        assertThat(vm.heldProperty().get()).contains("flowdeck_shop").contains("3.00 GB").contains("idle");
        assertThat(vm.heldWarningProperty().get()).isTrue();
        assertThat(vm.heldAdviceProperty().get()).contains("fills the database's disk");
        vm.showHeld(List.of(new HeldChanges("flowdeck_shop", true, 10_000, true)), true);
        assertThat(vm.heldWarningProperty().get()).isFalse();
        assertThat(vm.heldAdviceProperty().get()).isEmpty();
    }

    /**
     * The real capture, except that release() drops the triggers only and is recorded (the real one then also clears
     * the position in Kafka, and there is no broker here).
     */
    private record ReleaseRecorder(Database db, H2ChangeLogCapture real, List<CaptureSettings> released) implements CaptureSource {
        @Override
        public void release() {
            try (var c = db.open()) {
                ChangeLog.uninstall(c, real.settings().tables());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            released.add(real.settings());
        }

        @Override
        public CaptureSettings settings() {
            return real.settings();
        }

        @Override
        public List<dev.flowdeck.engine.cdc.capture.TableCaptureStats> tableStats() {
            return real.tableStats();
        }

        @Override
        public Optional<String> committedPosition() {
            return real.committedPosition();
        }

        @Override
        public String retainedResource() {
            return real.retainedResource();
        }

        @Override
        public boolean awaitState(dev.flowdeck.engine.StageState wanted, java.time.Duration timeout) throws InterruptedException {
            return real.awaitState(wanted, timeout);
        }

        @Override
        public dev.flowdeck.engine.StageId id() {
            return real.id();
        }

        @Override
        public void start() {
            real.start();
        }

        @Override
        public void stop() {
            real.stop();
        }

        @Override
        public dev.flowdeck.engine.StageStatus status() {
            return real.status();
        }
    }

    private static SourceTableRow row(SourcesViewModel vm, String name) {
        return vm.tables().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
