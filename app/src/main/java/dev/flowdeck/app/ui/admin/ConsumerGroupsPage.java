package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Consumer groups page: lag in messages and in time, members, offset reset with a dry run. */
public final class ConsumerGroupsPage extends PolledPage<ConsumerGroupsViewModel> {
    public ConsumerGroupsPage(ConsoleContext context) {
        super(new ConsumerGroupsViewModel(context), Duration.seconds(3));
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
    Node build(ConsumerGroupsViewModel vm) {
        return new ConsumerGroupsView(vm).build();
    }
}
