package dev.flowdeck.app.ui.sources;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The Sources page: the database's tables to capture, snapshot progress, and the slot or change log the capture
 * keeps. While shown it samples the capture's counters four times a second and what the database holds every five.
 */
public final class SourcesPage implements ConsolePage {
    private final SourcesViewModel vm;
    private final Timeline sample;
    private final Timeline held;
    private Node content;

    public SourcesPage(ConsoleContext context, CaptureBoard board) {
        this.vm = new SourcesViewModel(context, board);
        this.sample = new Timeline(new KeyFrame(Duration.millis(250), e -> vm.refresh()));
        sample.setCycleCount(Timeline.INDEFINITE);
        this.held = new Timeline(new KeyFrame(Duration.seconds(5), e -> vm.refreshHeld()));
        held.setCycleCount(Timeline.INDEFINITE);
    }

    @Override
    public String id() {
        return "sources";
    }

    @Override
    public String title() {
        return "Sources";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = new SourcesView(vm).build();
        }
        return content;
    }

    @Override
    public void shown() {
        vm.load();
        sample.play();
        held.play();
    }

    @Override
    public void hidden() {
        sample.stop();
        held.stop();
    }

    /** The composition root stops the capture (off the FX thread) through the {@link CaptureBoard}. */
    @Override
    public void close() {
        hidden();
    }

    public SourcesViewModel viewModel() {
        return vm;
    }
}
