package dev.flowdeck.app.ui.kit;

import javafx.scene.Node;

/**
 * One page of the console (Pipeline, Topology, Topics, Messages, Consumer groups, SQL, Logs, Settings). The shell
 * shows one page at a time in its navigation; a page builds its view lazily and stops its live updates while hidden.
 */
public interface ConsolePage {
    /** A stable id, also the CSS id of the page's root node, e.g. {@code topology}. */
    String id();

    /** The name in the navigation, e.g. "Topology". */
    String title();

    /** The page's root node; built on first call, on the FX thread. */
    Node content();

    /** The page became visible: start live updates. */
    default void shown() {
    }

    /** The page was hidden: stop live updates. */
    default void hidden() {
    }

    /** The app is closing: stop everything the page started. */
    default void close() {
    }
}
