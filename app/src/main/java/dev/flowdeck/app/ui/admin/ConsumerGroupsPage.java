package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.ConsoleContext;
import dev.flowdeck.app.ui.ConsolePage;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Consumer groups page: lag in messages and in time, members, offset reset with a dry run. */
public final class ConsumerGroupsPage implements ConsolePage {
    private final ConsumerGroupsViewModel vm;
    private final Timeline refresh;
    private Node content;

    public ConsumerGroupsPage(ConsoleContext context) {
        this.vm = new ConsumerGroupsViewModel(context);
        this.refresh = new Timeline(new KeyFrame(Duration.seconds(3), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
    }

    @Override
    public String id() {
        return "consumer-groups";
    }

    @Override
    public String title() {
        return "Consumer groups";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = new ConsumerGroupsView(vm).build();
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

    ConsumerGroupsViewModel viewModel() {
        return vm;
    }
}
