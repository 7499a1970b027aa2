package dev.flowdeck.app.ui.topology;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.engine.topology.RunSettings;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologySettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The view model without a JavaFX toolkit: tasks run on the calling thread (or when the test says so). */
class TopologyViewModelTest {
    private static final TopologySettings SMALL = TopologySettings.defaults().withClients(200);

    @Test
    void aSimulationFillsTheSceneTheTableAndTheChartData() {
        TopologyViewModel vm = new TopologyViewModel(new DirectTaskRunner(), SMALL, RunSettings.defaults());
        vm.simulate();
        TopologyScene scene = vm.sceneProperty().get();
        assertThat(scene).isNotNull();
        assertThat(scene.comparison().topology().clientCount()).isEqualTo(200);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.rows()).hasSize(11);
        assertThat(vm.rows().get(0).metric()).isEqualTo("Latency, mean");
        assertThat(vm.rows().get(3).hybrid()).endsWith("%");
        assertThat(vm.summaryProperty().get()).contains("of bytes from peers");
        assertThat(vm.latencyFlat().getDataCount()).isEqualTo(2);
        assertThat(vm.shareHybrid().getDataCount()).isEqualTo(3);
        assertThat(vm.shareHybrid().get(1, 0)).isEqualTo(100 * scene.comparison().hybrid().metrics().offload());
        assertThat(vm.latencyFlat().get(0, 0)).isLessThan(vm.latencyHybrid().get(0, 0));
    }

    @Test
    void changingASettingSimulatesAgain() {
        TopologyViewModel vm = new TopologyViewModel(new DirectTaskRunner(), SMALL, RunSettings.defaults());
        vm.simulate();
        TopologyScene first = vm.sceneProperty().get();
        vm.churnProperty().set(0.6);
        TopologyScene second = vm.sceneProperty().get();
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(second.comparison().run().churn()).isEqualTo(0.6);
        assertThat(second.comparison().hybrid().metrics().offload()).isLessThan(first.comparison().hybrid().metrics().offload());
        // The topology and layout are reused when only the run changes.
        assertThat(second.layout()).isSameAs(first.layout());
        vm.clientsProperty().set(300);
        assertThat(vm.sceneProperty().get().comparison().topology().clientCount()).isEqualTo(300);
    }

    @Test
    void selectingAndFailingANodeShowsItsDetailsAndChangesTheMetrics() {
        TopologyViewModel vm = new TopologyViewModel(new DirectTaskRunner(), SMALL, RunSettings.defaults());
        vm.simulate();
        TopologyScene before = vm.sceneProperty().get();
        int edge = 2;
        vm.select(edge);
        NodeDetails details = vm.detailsProperty().get();
        assertThat(details.id()).isEqualTo("edge-1");
        assertThat(details.role()).isEqualTo("edge");
        assertThat(details.region()).isEqualTo("eu-west");
        assertThat(details.failed()).isFalse();
        assertThat(details.latencyLabel()).startsWith("Latency of its");
        assertThat(details.flatServed()).isNotEqualTo("0");

        vm.toggleFailSelected();
        assertThat(vm.failedProperty().get()).containsExactly(edge);
        TopologyScene after = vm.sceneProperty().get();
        assertThat(after.comparison().run().failed()).containsExactly(edge);
        assertThat(vm.detailsProperty().get().failed()).isTrue();
        assertThat(vm.detailsProperty().get().flatServed()).isEqualTo("0");
        assertThat(after.comparison().flat().metrics()).isNotEqualTo(before.comparison().flat().metrics());

        vm.toggleFailSelected();
        assertThat(vm.failedProperty().get()).isEmpty();
        assertThat(vm.sceneProperty().get().comparison().flat().metrics()).isEqualTo(before.comparison().flat().metrics());

        vm.select(Topology.ORIGIN);
        vm.toggleFailSelected();
        vm.select(5);
        vm.toggleFailSelected();
        assertThat(vm.failedProperty().get()).containsExactlyInAnyOrder(Topology.ORIGIN, 5);
        vm.restoreAll();
        assertThat(vm.failedProperty().get()).isEmpty();
        assertThat(vm.sceneProperty().get().comparison().run().failed()).isEmpty();
    }

    @Test
    void changesWhileASimulationRunsCoalesceIntoOneFollowUpWithTheLatestValues() {
        HeldTasks tasks = new HeldTasks();
        TopologyViewModel vm = new TopologyViewModel(tasks, SMALL, RunSettings.defaults());
        vm.simulate();
        assertThat(vm.busyProperty().get()).isTrue();
        vm.churnProperty().set(0.1);
        vm.churnProperty().set(0.2);
        vm.peerUploadMbpsProperty().set(2);
        vm.churnProperty().set(0.3);
        assertThat(tasks.pending).hasSize(1);
        tasks.completeNext();
        assertThat(tasks.pending).as("one follow-up run").hasSize(1);
        assertThat(vm.busyProperty().get()).isTrue();
        tasks.completeNext();
        assertThat(tasks.pending).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.sceneProperty().get().comparison().run().churn()).isEqualTo(0.3);
        assertThat(vm.sceneProperty().get().comparison().run().peerUploadMbps()).isEqualTo(2);
    }

    @Test
    void aBadSettingIsReportedNotThrown() {
        TopologyViewModel vm = new TopologyViewModel(new DirectTaskRunner(), SMALL, RunSettings.defaults());
        vm.simulate();
        vm.clientsProperty().set(0);
        assertThat(vm.statusProperty().get()).startsWith("Check the settings: clients must be between 1");
        assertThat(vm.sceneProperty().get().comparison().topology().clientCount()).isEqualTo(200);
    }

    @Test
    void theExportNameSaysWhatIsInTheFile() {
        TopologyViewModel vm = new TopologyViewModel(new DirectTaskRunner(), SMALL, RunSettings.defaults());
        assertThat(vm.exportFileName()).isEqualTo("flowdeck-topology-seed7-200clients-3peers-10.0mbps-churn0.00.png");
    }

    /** Holds work until the test completes it, like a slow background thread would. */
    private static final class HeldTasks implements TaskRunner {
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public <T> Handle run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            boolean[] done = {false};
            pending.add(() -> {
                done[0] = true;
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
            return new Handle() {
                @Override
                public void cancel() {
                }

                @Override
                public boolean isDone() {
                    return done[0];
                }
            };
        }

        void completeNext() {
            pending.remove(0).run();
        }

        @Override
        public void close() {
        }
    }
}
