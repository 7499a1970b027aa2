package dev.flowdeck.app.ui.processor;

import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.engine.stream.StreamProcessor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Processor page: the Kafka Streams topology, instances, threads and tasks, commit figures, restores and the
 * processor's settings. It reads the processor's insight once a second while shown (a cheap snapshot the processor
 * takes on its own thread).
 */
public final class ProcessorPage implements ConsolePage {
    private final ProcessorViewModel vm;
    private final Timeline refresh;
    private Node content;

    public ProcessorPage(Supplier<Optional<StreamProcessor>> processor, TaskRunner tasks) {
        this.vm = new ProcessorViewModel(processor, tasks);
        this.refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
    }

    @Override
    public String id() {
        return "processor";
    }

    @Override
    public String title() {
        return "Processor";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = new ProcessorView(vm).build();
        }
        return content;
    }

    @Override
    public void shown() {
        vm.refresh();
        refresh.play();
    }

    @Override
    public void hidden() {
        refresh.stop();
    }

    @Override
    public void close() {
        refresh.stop();
    }

    ProcessorViewModel viewModel() {
        return vm;
    }
}
