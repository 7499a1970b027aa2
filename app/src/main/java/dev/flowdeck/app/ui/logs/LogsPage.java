package dev.flowdeck.app.ui.logs;

import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/** The Logs page. It takes new lines only while shown; the bounded rings keep the newest meanwhile. */
public final class LogsPage implements ConsolePage {
    private final LogsViewModel vm;
    private final LogsFeed feed;
    private LogsView view;

    public LogsPage(LogsFeed feed) {
        this.feed = feed;
        this.vm = new LogsViewModel(feed::acknowledgeLogs, feed::acknowledgeEvents);
    }

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String title() {
        return "Logs";
    }

    @Override
    public Node content() {
        if (view == null) {
            view = new LogsView(vm);
        }
        return view;
    }

    public LogsViewModel viewModel() {
        return vm;
    }

    @Override
    public void shown() {
        feed.start(vm::apply);
    }

    @Override
    public void hidden() {
        feed.close();
    }

    @Override
    public void close() {
        feed.close();
    }
}
