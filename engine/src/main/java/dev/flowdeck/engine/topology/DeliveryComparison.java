package dev.flowdeck.engine.topology;

/** The same requests delivered over both topologies. */
public record DeliveryComparison(Topology topology, RunSettings run, DeliveryResult flat, DeliveryResult hybrid) {
}
