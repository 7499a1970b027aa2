package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.engine.StageId;
import dev.flowdeck.app.session.PipelineControl;
import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.Frames;
import dev.flowdeck.app.ui.live.Hops;
import dev.flowdeck.app.ui.live.ProcessorFrame;
import dev.flowdeck.app.ui.live.StageFrame;
import dev.flowdeck.app.ui.live.Tiles;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.PipelineSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pipeline page's view model, without a toolkit: frames in, properties out; inputs reach the engine. */
class PipelineViewModelTest {
    private final PipelineSettings settings = new PipelineSettings();
    private final List<String> calls = new ArrayList<>();
    private RuntimeException failNext;
    private final PipelineControl control = new PipelineControl() {
        @Override
        public PipelineSettings settings() {
            return settings;
        }

        @Override
        public void startAllStages() {
            calls.add("startAll");
            if (failNext != null) {
                throw failNext;
            }
        }

        @Override
        public void stopAllStages() {
            calls.add("stopAll");
        }

        @Override
        public void setStageRunning(StageId stage, boolean run) {
            calls.add((run ? "start " : "stop ") + stage.thread());
        }
    };

    private PipelineViewModel vm(Optional<TierControl> tiers) {
        return new PipelineViewModel(control, new DirectTaskRunner(), () -> tiers);
    }

    @Test
    void aFrameFillsTheBoxesWithRateStateAndHowFarBehind() {
        PipelineViewModel vm = vm(Optional.empty());
        vm.apply(Frames.frame(1, Frames.allRunning(), Tiles.EMPTY));

        StageCardViewModel poller = vm.stage("poller");
        assertThat(poller.stateProperty().get()).isEqualTo(StageState.RUNNING);
        assertThat(poller.stateTextProperty().get()).isEqualTo("Running");
        assertThat(poller.rateProperty().get()).isEqualTo("990");
        assertThat(poller.rateUnitProperty().get()).isEqualTo("events/s");
        assertThat(poller.behindProperty().get()).isEqualTo("Behind 8.5 ms");
        assertThat(poller.waitingProperty().get()).isEqualTo("120 events waiting");
        assertThat(poller.reasonProperty().get()).isEqualTo("poller is RUNNING");
        assertThat(poller.activeProperty().get()).isTrue();
        assertThat(poller.controllableProperty().get()).isTrue();
        // the database is not a stage: no Start/Stop, no "behind"
        assertThat(vm.stage("database").controllableProperty().get()).isFalse();
        assertThat(vm.stage("database").behindProperty().get()).isEmpty();
        assertThat(vm.runningProperty().get()).isTrue();
    }

    @Test
    void skippedAndUnreadableRecordsShowOnTheCardsOnlyWhenThereAreAny() {
        PipelineViewModel vm = vm(Optional.empty());
        List<StageFrame> stages = new ArrayList<>(Frames.allRunning());
        stages.replaceAll(f -> switch (f.id().key()) {
            case "processor" -> withDetail(f, StageFrame.noting("p99 4.1 ms · 0 alerts", 1_234, "skipped"));
            case "kafka" -> withDetail(f, StageFrame.noting("delivery p99 2.0 ms", 0, "unreadable"));
            default -> f;
        });
        vm.apply(Frames.frame(1, stages, Tiles.EMPTY));
        assertThat(vm.stage("processor").detailProperty().get()).isEqualTo("p99 4.1 ms · 0 alerts · 1,234 skipped");
        assertThat(vm.stage("kafka").detailProperty().get()).isEqualTo("delivery p99 2.0 ms");

        stages.replaceAll(f -> f.id().key().equals("kafka") ? withDetail(f, StageFrame.noting("delivery p99 2.0 ms", 2, "unreadable")) : f);
        vm.apply(Frames.frame(2, stages, Tiles.EMPTY));
        assertThat(vm.stage("kafka").detailProperty().get()).isEqualTo("delivery p99 2.0 ms · 2 unreadable");
    }

    private static StageFrame withDetail(StageFrame f, String detail) {
        return new StageFrame(f.id(), f.controllable(), f.state(), f.message(), f.rate(), f.rateUnit(), f.behindItems(),
                f.behindMs(), detail);
    }

    @Test
    void aStageThatHasHandledNothingYetShowsADashNotAnAgeSinceTheEpoch() {
        PipelineViewModel vm = vm(Optional.empty());
        List<StageFrame> stages = new ArrayList<>(Frames.allRunning());
        stages.replaceAll(f -> f.id().key().equals("poller") ? new StageFrame(f.id(), f.controllable(), f.state(),
                f.message(), 0, f.rateUnit(), 1_000, Double.NaN, f.detail()) : f);
        vm.apply(Frames.frame(1, stages, Tiles.EMPTY));

        assertThat(vm.stage("poller").behindProperty().get()).isEqualTo("Behind –");
        assertThat(vm.stage("poller").waitingProperty().get()).isEqualTo("1,000 events waiting");
    }

    @Test
    void tilesShowValuesWithUnitsAndTheirHistory() {
        PipelineViewModel vm = vm(Optional.empty());
        double[] history = {1, 2, 3};
        Tiles t = new Tiles(21_345, 0.5, 4.25, 18.0, 1_234_567, 1_234_000, 12_500_000, history, history, history, history,
                history, history, history);
        vm.apply(Frames.frame(1, Frames.allRunning(), t));

        List<TileViewModel> tiles = vm.tiles();
        assertThat(tiles).extracting(x -> x.valueProperty().get())
                .containsExactly("21.3 k", "0.50 %", "4.3 ms", "18 ms", "1,234,567", "1,234,000", "12.5 MB");
        assertThat(tiles.get(0).historyProperty().get()).containsExactly(1, 2, 3);
    }

    @Test
    void slidersChangeTheEngineSettingsAtOnce() {
        PipelineViewModel vm = vm(Optional.empty());
        vm.rowsPerBurstProperty().set(2_500);
        vm.burstIntervalMsProperty().set(50);

        assertThat(settings.rowsPerBurst()).isEqualTo(2_500);
        assertThat(settings.burstIntervalMs()).isEqualTo(50);
        assertThat(vm.targetRateProperty().get()).isEqualTo("= 50.0 k rows/s");
    }

    @Test
    void outOfRangeInputIsClampedNotRejected() {
        PipelineViewModel vm = vm(Optional.empty());
        vm.rowsPerBurstProperty().set(5_000_000);
        assertThat(settings.rowsPerBurst()).isEqualTo(PipelineViewModel.MAX_ROWS_PER_BURST);
    }

    @Test
    void startStopAndToggleGoThroughTheTaskRunner() {
        PipelineViewModel vm = vm(Optional.empty());
        vm.apply(Frames.frame(1, Frames.allRunning(), Tiles.EMPTY));

        vm.toggle(vm.stage("writer"));
        vm.stopAll();
        vm.startAll();
        vm.toggle(vm.stage("database"));

        assertThat(calls).containsExactly("stop burst-writer", "stopAll", "startAll");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void buttonsAreEnabledAgainWhenAnActionEndsEvenWithoutANewFrame() {
        List<Runnable> pending = new ArrayList<>();
        dev.flowdeck.app.ui.kit.TaskRunner later = new dev.flowdeck.app.ui.kit.TaskRunner() {
            @Override
            public <T> Handle run(String name, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> ok,
                                  java.util.function.Consumer<Throwable> failed) {
                pending.add(() -> {
                    try {
                        ok.accept(work.call());
                    } catch (Exception e) {
                        failed.accept(e);
                    }
                });
                return new Handle() {
                    @Override
                    public void cancel() {
                    }

                    @Override
                    public boolean isDone() {
                        return false;
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        PipelineViewModel vm = new PipelineViewModel(control, later, Optional::empty);
        vm.apply(Frames.frame(1, Frames.allRunning(), Tiles.EMPTY));
        vm.stopAll();
        assertThat(vm.stage("writer").controllableProperty().get()).as("disabled while an action runs").isFalse();
        pending.forEach(Runnable::run);
        assertThat(vm.stage("writer").controllableProperty().get()).as("enabled again without a new frame").isTrue();
    }

    @Test
    void aFailedActionSaysWhatFailedAndWhy() {
        PipelineViewModel vm = vm(Optional.empty());
        failNext = new IllegalStateException("the pipeline is not running: start it first");
        vm.startAll();
        assertThat(vm.actionMessageProperty().get()).isEqualTo("Start all failed: the pipeline is not running: start it first");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void withoutProcessorOrTiersThePanelsSaySoInsteadOfShowingData() {
        PipelineViewModel vm = vm(Optional.empty());
        vm.apply(Frames.frame(1, Frames.allRunning(), Tiles.EMPTY));
        assertThat(vm.processorEmptyProperty().get()).startsWith("Processor not running");
        assertThat(vm.tiersEmptyProperty().get()).contains("not");
        assertThat(vm.tiersAvailableProperty().get()).isFalse();
        assertThat(vm.alertsProperty()).isEmpty();
    }

    @Test
    void beforeItsFirstWindowTheProcessorPanelSaysWhetherItIsStillStarting() {
        PipelineViewModel vm = vm(Optional.empty());
        ProcessorFrame empty = new ProcessorFrame(List.of(), List.of());
        for (StageState state : List.of(StageState.STARTING, StageState.RUNNING)) {
            List<StageFrame> stages = new ArrayList<>(Frames.allRunning());
            stages.replaceAll(s -> s.id().equals(StageId.PROCESSOR) ? Frames.stage("processor", null, state, 0, -1, -1) : s);
            vm.apply(new ConsoleFrame(1, 1, Frames.running(), true, stages, Tiles.EMPTY, Hops.EMPTY, Map.of(),
                    Optional.of(empty), Optional.empty()));
            assertThat(vm.processorEmptyProperty().get()).isEqualTo((state == StageState.STARTING
                    ? "Processor starting" : "Processor running") + " — waiting for the first complete window");
        }
    }

    @Test
    void processorAlertsAppearNewestAsTheyCome() {
        PipelineViewModel vm = vm(Optional.empty());
        ProcessorFrame p = new ProcessorFrame(List.of(new ProcessorFrame.RegionAggregate("eu-west", 10, 100, 10, 2)),
                List.of(new ProcessorFrame.Alert(0, "amount > 1000", "Acme", "1,250.00")));
        ConsoleFrame f = new ConsoleFrame(1, 1, Frames.running(), true, Frames.allRunning(), Tiles.EMPTY, Hops.EMPTY, Map.of(),
                Optional.of(p), Optional.empty());
        vm.apply(f);
        assertThat(vm.processorEmptyProperty().get()).isEmpty();
        assertThat(vm.alertsProperty()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("Amount > 1000");
            assertThat(a.subject()).isEqualTo("Acme");
            assertThat(a.message()).isEqualTo("1,250.00");
            assertThat(a.time()).matches("\\d\\d:\\d\\d:\\d\\d");
        });
        assertThat(PipelineViewModel.ruleName("amount_above")).isEqualTo("Amount above threshold");
        assertThat(PipelineViewModel.ruleName("anomaly spike")).isEqualTo("Rate anomaly (spike)");
    }

    @Test
    void tierControlsReachTheTiersAndFollowThem() {
        FakeTiers tiers = new FakeTiers();
        PipelineViewModel vm = vm(Optional.of(tiers));
        vm.apply(Frames.frame(1, Frames.allRunning(), Tiles.EMPTY));
        assertThat(vm.tiersAvailableProperty().get()).isTrue();
        assertThat(vm.policiesProperty()).containsExactly("edge-only", "cloud-only", "hybrid");
        assertThat(vm.policyProperty().get()).isEqualTo("hybrid");

        vm.edgeOutageProperty().set(true);
        vm.cloudServersProperty().set(12);
        vm.edgeServiceMsProperty().set(25);
        vm.policyProperty().set("cloud-only");

        assertThat(tiers.edgeOutage).isTrue();
        assertThat(tiers.cloudServers).isEqualTo(12);
        assertThat(tiers.edgeServiceMs).isEqualTo(25);
        assertThat(tiers.policy).isEqualTo("cloud-only");

        vm.runSweep();
        assertThat(tiers.swept).isTrue();
        assertThat(vm.sweepRunningProperty().get()).isFalse();
    }

    static final class FakeTiers implements TierControl {
        String policy = "hybrid";
        boolean edgeOutage;
        boolean cloudOutage;
        int edgeServers = 2;
        int cloudServers = 8;
        double edgeServiceMs = 10;
        double cloudServiceMs = 100;

        boolean swept;

        @Override
        public void runSweep() {
            swept = true;
        }

        @Override
        public List<String> policies() {
            return List.of("edge-only", "cloud-only", "hybrid");
        }

        @Override
        public String policy() {
            return policy;
        }

        @Override
        public void policy(String p) {
            policy = p;
        }

        @Override
        public double serviceMs(String tier) {
            return tier.equals(EDGE) ? edgeServiceMs : cloudServiceMs;
        }

        @Override
        public void serviceMs(String tier, double ms) {
            if (tier.equals(EDGE)) {
                edgeServiceMs = ms;
            } else {
                cloudServiceMs = ms;
            }
        }

        @Override
        public int servers(String tier) {
            return tier.equals(EDGE) ? edgeServers : cloudServers;
        }

        @Override
        public void servers(String tier, int n) {
            if (tier.equals(EDGE)) {
                edgeServers = n;
            } else {
                cloudServers = n;
            }
        }

        @Override
        public boolean outage(String tier) {
            return tier.equals(EDGE) ? edgeOutage : cloudOutage;
        }

        @Override
        public void outage(String tier, boolean out) {
            if (tier.equals(EDGE)) {
                edgeOutage = out;
            } else {
                cloudOutage = out;
            }
        }
    }
}
