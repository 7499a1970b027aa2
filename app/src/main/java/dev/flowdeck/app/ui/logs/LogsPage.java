package dev.flowdeck.app.ui.logs;

import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.live.ConsoleFrame;
import dev.flowdeck.app.ui.live.FxFrameDispatcher;
import javafx.scene.Node;

import java.util.function.Consumer;

/** The Logs page. It takes new lines only while shown; the bounded rings keep the newest meanwhile. */
public final class LogsPage implements ConsolePage {
    private final LogsViewModel vm;
    private final FxFrameDispatcher frames;
    private final Consumer<ConsoleFrame> listener;
    private LogsView view;

    public LogsPage(LogsViewModel vm, FxFrameDispatcher frames) {
        this.vm = vm;
        this.frames = frames;
        this.listener = vm::apply;
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
        frames.addListener(listener);
    }

    @Override
    public void hidden() {
        frames.removeListener(listener);
    }
}
