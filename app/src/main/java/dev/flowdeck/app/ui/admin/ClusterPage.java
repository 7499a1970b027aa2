package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Cluster page: brokers, the controller, and every partition's leader, replicas and in-sync replicas, live. */
public final class ClusterPage extends PolledPage<ClusterViewModel> {
    public ClusterPage(ConsoleContext context) {
        super(new ClusterViewModel(context), Duration.seconds(2));
    }

    @Override
    public String id() {
        return "cluster";
    }

    @Override
    public String title() {
        return "Cluster";
    }

    @Override
    Node build(ClusterViewModel vm) {
        return new ClusterView(vm).build();
    }
}
