package dev.flowdeck.app.ui.pipeline;

import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.charts.ChartCard;
import dev.flowdeck.app.ui.export.Exporter;
import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.ConsoleSampler;
import dev.flowdeck.app.ui.live.FxFrameDispatcher;
import javafx.scene.Node;

import java.util.List;
import java.util.function.Consumer;

/** The Pipeline page: runs, controls and shows the whole pipeline. */
public final class PipelinePage implements ConsolePage {
    private final PipelineViewModel vm;
    private final PipelineCharts charts;
    private final FxFrameDispatcher frames;
    private final Exporter exporter;
    private final Consumer<ConsoleFrame> listener;
    private PipelineView view;

    public PipelinePage(PipelineViewModel vm, ConsoleSampler sampler, FxFrameDispatcher frames, Exporter exporter) {
        this.vm = vm;
        this.charts = new PipelineCharts(sampler);
        this.frames = frames;
        this.exporter = exporter;
        this.listener = vm::apply;
    }

    @Override
    public String id() {
        return "pipeline";
    }

    @Override
    public String title() {
        return "Pipeline";
    }

    @Override
    public Node content() {
        if (view == null) {
            view = new PipelineView(vm, charts, exporter);
        }
        return view;
    }

    public PipelineViewModel viewModel() {
        return vm;
    }

    /** The chart cards (for "save the chart under the pointer" and tests). */
    public List<ChartCard> cards() {
        return view == null ? List.of() : view.cards();
    }

    @Override
    public void shown() {
        frames.addListener(listener);
    }

    @Override
    public void hidden() {
        frames.removeListener(listener);
    }
}
