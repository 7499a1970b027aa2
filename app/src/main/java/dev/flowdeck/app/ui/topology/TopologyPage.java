package dev.flowdeck.app.ui.topology;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/** The console's Topology page: flat CDN vs hybrid P2P/CDN, simulated and clickable. */
public final class TopologyPage implements ConsolePage {
    private final ConsoleContext context;
    private TopologyViewModel viewModel;
    private TopologyView view;

    public TopologyPage(ConsoleContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "topology";
    }

    @Override
    public String title() {
        return "Topology";
    }

    @Override
    public Node content() {
        if (view == null) {
            viewModel = new TopologyViewModel(context.tasks());
            view = new TopologyView(viewModel, context.tasks());
            viewModel.simulate();
        }
        return view.root();
    }

    /** Nothing runs while the page is hidden: simulations only follow changes the user makes on it. */
    @Override
    public void close() {
        if (viewModel != null) {
            viewModel.close();
        }
    }

    public TopologyViewModel viewModel() {
        return viewModel;
    }

    public TopologyView view() {
        return view;
    }
}
