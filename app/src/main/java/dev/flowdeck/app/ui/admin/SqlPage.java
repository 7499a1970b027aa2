package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/** The SQL page: read-only by default, writes behind an explicit switch, cancel, samples, history, CSV export. */
public final class SqlPage implements ConsolePage {
    private final SqlViewModel vm;
    private Node content;

    public SqlPage(ConsoleContext context) {
        this.vm = new SqlViewModel(context);
    }

    @Override
    public String id() {
        return "sql";
    }

    @Override
    public String title() {
        return "SQL";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = new SqlView(vm).build();
        }
        return content;
    }

    @Override
    public void shown() {
        vm.load();
    }

    /** A query still running when the app closes is cancelled. */
    @Override
    public void close() {
        vm.cancel();
    }

    SqlViewModel viewModel() {
        return vm;
    }
}
