package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.TopologyLayout;

/** One finished simulation, ready to show: both runs, the layout and the prepared picture. */
public record TopologyScene(long version, DeliveryComparison comparison, TopologyLayout layout, GraphPicture picture,
                            double computeMs) {
}
