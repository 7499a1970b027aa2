package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * A page whose view model reads the cluster again every few seconds while the page is shown (Topics, Consumer
 * groups): it refreshes at once when shown, stops while hidden, and closes its view model with the app.
 */
abstract class PolledPage<M extends PolledPage.Model> implements ConsolePage {
    /** What such a page polls. */
    interface Model extends AutoCloseable {
        /** Starts a background read; the results reach the view model's properties on the FX thread. */
        void refresh();

        @Override
        void close();
    }

    private final M vm;
    private final Timeline refresh;
    private Node content;

    PolledPage(M vm, Duration every) {
        this.vm = vm;
        this.refresh = new Timeline(new KeyFrame(every, e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
    }

    /** Builds the page's view of {@code vm}; called once, on the FX thread. */
    abstract Node build(M vm);

    @Override
    public final Node content() {
        if (content == null) {
            content = build(vm);
        }
        return content;
    }

    @Override
    public final void shown() {
        vm.refresh();
        refresh.play();
    }

    @Override
    public final void hidden() {
        refresh.stop();
    }

    @Override
    public final void close() {
        refresh.stop();
        vm.close();
    }

    M viewModel() {
        return vm;
    }
}
