package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.ConsoleContext;
import dev.flowdeck.app.ui.ConsolePage;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Topics page: list, rates, create, configure, add partitions, delete, each with a preview first. */
public final class TopicsPage implements ConsolePage {
    /** How often the list (and so the messages/s sparkline) refreshes while the page is shown. */
    static final Duration REFRESH = Duration.seconds(2);

    private final TopicsViewModel vm;
    private final Timeline refresh;
    private Node content;

    public TopicsPage(ConsoleContext context) {
        this.vm = new TopicsViewModel(context);
        this.refresh = new Timeline(new KeyFrame(REFRESH, e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
    }

    @Override
    public String id() {
        return "topics";
    }

    @Override
    public String title() {
        return "Topics";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = new TopicsView(vm).build();
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
        vm.close();
    }

    TopicsViewModel viewModel() {
        return vm;
    }
}
