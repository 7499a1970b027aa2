package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/** The Messages page: browse a topic, follow it live, see one record in full, produce and export records. */
public final class MessagesPage implements ConsolePage {
    private final MessagesViewModel vm;
    private MessagesView view;
    private Node content;

    public MessagesPage(ConsoleContext context) {
        this.vm = new MessagesViewModel(context);
    }

    @Override
    public String id() {
        return "messages";
    }

    @Override
    public String title() {
        return "Messages";
    }

    @Override
    public Node content() {
        if (content == null) {
            view = new MessagesView(vm);
            content = view.build();
        }
        return content;
    }

    @Override
    public void shown() {
        vm.loadTopics();
    }

    /** A hidden page does not tail: the consumer and the per-frame updates stop. */
    @Override
    public void hidden() {
        if (vm.tailingProperty().get()) {
            vm.stopTail();
        }
    }

    @Override
    public void close() {
        if (view != null) {
            view.stop();
        }
        vm.close();
    }

    /** The page's state, for the UI bench and tests: start/stop the tail, read its counters. */
    public MessagesViewModel viewModel() {
        return vm;
    }
}
