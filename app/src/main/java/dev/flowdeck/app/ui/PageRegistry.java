package dev.flowdeck.app.ui;

import dev.flowdeck.app.ui.admin.AclsPage;
import dev.flowdeck.app.ui.admin.BrokerConfigsPage;
import dev.flowdeck.app.ui.admin.ClusterPage;
import dev.flowdeck.app.ui.admin.ConsumerGroupsPage;
import dev.flowdeck.app.ui.admin.MessagesPage;
import dev.flowdeck.app.ui.admin.SqlPage;
import dev.flowdeck.app.ui.admin.TopicsPage;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.kit.PageSection;
import dev.flowdeck.app.ui.topology.TopologyPage;

import java.util.List;

/** The one place that lists the console's pages, in navigation order and grouped in sections. */
public final class PageRegistry {
    /** The pages this console owns, built by the composition root (they need more than the context). */
    public record OwnPages(ConsolePage pipeline, ConsolePage logs, ConsolePage settings, ConsolePage sources,
            ConsolePage processor) {
    }

    private PageRegistry() {
    }

    public static List<PageSection> sections(ConsoleContext context, OwnPages own) {
        return List.of(
                new PageSection("Monitor", List.of(
                        own.pipeline(),
                        own.processor(),
                        new TopologyPage(context))),
                new PageSection("Kafka", List.of(
                        new ClusterPage(context),
                        new TopicsPage(context),
                        new MessagesPage(context),
                        new ConsumerGroupsPage(context),
                        new BrokerConfigsPage(context),
                        new AclsPage(context))),
                new PageSection("Database", List.of(
                        own.sources(),
                        new SqlPage(context))),
                new PageSection("System", List.of(own.logs(), own.settings())));
    }

    public static List<ConsolePage> pages(List<PageSection> sections) {
        return sections.stream().flatMap(s -> s.pages().stream()).toList();
    }
}
