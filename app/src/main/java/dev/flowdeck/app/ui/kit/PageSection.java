package dev.flowdeck.app.ui.kit;

import java.util.List;

/** A heading in the console's navigation and the pages under it. */
public record PageSection(String title, List<ConsolePage> pages) {
}
