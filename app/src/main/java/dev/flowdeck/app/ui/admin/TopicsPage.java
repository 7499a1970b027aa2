package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Topics page: list, rates, create, configure, add partitions, delete, each with a preview first. */
public final class TopicsPage extends PolledPage<TopicsViewModel> {
    /** How often the list (and so the messages/s sparkline) refreshes while the page is shown. */
    static final Duration REFRESH = Duration.seconds(2);

    public TopicsPage(ConsoleContext context) {
        super(new TopicsViewModel(context), REFRESH);
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
    Node build(TopicsViewModel vm) {
        return new TopicsView(vm).build();
    }
}
