package dev.flowdeck.app.cli;

import dev.flowdeck.engine.tier.RouterSettings;
import dev.flowdeck.engine.tier.RoutingPolicy;
import dev.flowdeck.engine.tier.ServiceDistribution;
import dev.flowdeck.engine.tier.TierHttpServer;
import dev.flowdeck.engine.tier.TierSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Options of the edge and cloud tiers in the headless run. Unset values keep the engine's defaults. */
@Command
public final class TierOptions {
    @Option(names = "--tiers", description = "Run the edge and cloud tiers: each a consumer group on the change-event topic "
            + "taking a sample of it, and an HTTP endpoint on loopback (POST /process, GET /health, GET /metrics). "
            + "The summary gains edge, cloud and router objects.")
    boolean enabled;

    @Option(names = "--service", paramLabel = "constant|exponential",
            description = "Service time distribution of both tiers (default: exponential).")
    String service;

    @Option(names = "--routing", paramLabel = "edge-only|cloud-only|hybrid",
            description = "Where requests are served (default: hybrid: where they came in, the edge spilling to the cloud "
                    + "past --spill-threshold waiting jobs, the other tier taking everything while one is out).")
    String routing;

    @Option(names = "--spill-threshold", paramLabel = "N",
            description = "Hybrid: edge requests spill to the cloud while more than N jobs wait at the edge (default: "
                    + RouterSettings.SPILL_THRESHOLD + ").")
    Integer spillThreshold;

    @Option(names = "--tier-sample", paramLabel = "FRACTION",
            description = "Share of the event stream each tier takes, e.g. 0.1, 1/10 or 10%% (default: edge "
                    + TierSettings.EDGE_SAMPLE + ", cloud " + TierSettings.CLOUD_SAMPLE + ").")
    String tierSample;

    @Option(names = "--tier-seed", paramLabel = "N", defaultValue = "1", description = "Seed of the tiers' service times (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tier-http-threads", paramLabel = "N", defaultValue = "" + TierHttpServer.DEFAULT_THREADS,
            description = "Handler threads per endpoint: requests in a tier at once through HTTP (default: ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(names = "--edge-service-ms", paramLabel = "MS", description = "Edge mean service time (default: " + TierSettings.EDGE_SERVICE_MS + ").")
    Double edgeServiceMs;

    @Option(names = "--edge-servers", paramLabel = "C", description = "Edge servers (default: " + TierSettings.EDGE_SERVERS + ").")
    Integer edgeServers;

    @Option(names = "--edge-rtt-ms", paramLabel = "MS", description = "Edge network round trip (default: " + TierSettings.EDGE_RTT_MS + ").")
    Double edgeRttMs;

    @Option(names = "--edge-queue", paramLabel = "N", description = "Edge queue bound (default: " + TierSettings.EDGE_QUEUE + ").")
    Integer edgeQueue;

    @Option(names = "--edge-sample", paramLabel = "FRACTION", description = "Share of the stream the edge takes (overrides --tier-sample).")
    String edgeSample;

    @Option(names = "--edge-outage", description = "Start with the edge tier out.")
    boolean edgeOutage;

    @Option(names = "--edge-port", paramLabel = "PORT", defaultValue = "0",
            description = "Edge endpoint port on 127.0.0.1 (default: 0, any free port; printed on stderr and in the summary).")
    int edgePort;

    @Option(names = "--cloud-service-ms", paramLabel = "MS", description = "Cloud mean service time (default: " + TierSettings.CLOUD_SERVICE_MS + ").")
    Double cloudServiceMs;

    @Option(names = "--cloud-servers", paramLabel = "C", description = "Cloud servers (default: " + TierSettings.CLOUD_SERVERS + ").")
    Integer cloudServers;

    @Option(names = "--cloud-rtt-ms", paramLabel = "MS", description = "Cloud network round trip (default: " + TierSettings.CLOUD_RTT_MS + ").")
    Double cloudRttMs;

    @Option(names = "--cloud-queue", paramLabel = "N", description = "Cloud queue bound (default: " + TierSettings.CLOUD_QUEUE + ").")
    Integer cloudQueue;

    @Option(names = "--cloud-sample", paramLabel = "FRACTION", description = "Share of the stream the cloud takes (overrides --tier-sample).")
    String cloudSample;

    @Option(names = "--cloud-outage", description = "Start with the cloud tier out.")
    boolean cloudOutage;

    @Option(names = "--cloud-port", paramLabel = "PORT", defaultValue = "0",
            description = "Cloud endpoint port on 127.0.0.1 (default: 0, any free port).")
    int cloudPort;

    /** The tiers' part of a headless run, if enabled. */
    public Optional<HeadlessRun.HeadlessExtension> extension() {
        if (!enabled) {
            List<String> set = setWithoutTiers();
            if (!set.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", set) + " set the tiers up: add --tiers to run them");
            }
            return Optional.empty();
        }
        return Optional.of(new TierRun(edgeSettings(), cloudSettings(), routerSettings(), seed, edgePort, cloudPort, httpThreads));
    }

    /** Edge settings from the defaults and these options; throws with the setting named on a bad value. */
    public TierSettings edgeSettings() {
        TierSettings s = TierSettings.edgeDefaults();
        apply(s, edgeServiceMs, edgeServers, edgeRttMs, edgeQueue, edgeSample, edgeOutage);
        return s;
    }

    public TierSettings cloudSettings() {
        TierSettings s = TierSettings.cloudDefaults();
        apply(s, cloudServiceMs, cloudServers, cloudRttMs, cloudQueue, cloudSample, cloudOutage);
        return s;
    }

    public RouterSettings routerSettings() {
        RouterSettings r = new RouterSettings();
        if (routing != null) {
            r.policy(RoutingPolicy.parse(routing));
        }
        if (spillThreshold != null) {
            r.spillThreshold(spillThreshold);
        }
        return r;
    }

    private void apply(TierSettings s, Double serviceMs, Integer servers, Double rttMs, Integer queue, String sample, boolean outage) {
        if (service != null) {
            s.distribution(ServiceDistribution.parse(service));
        }
        if (serviceMs != null) {
            s.serviceMeanMs(serviceMs);
        }
        if (servers != null) {
            s.servers(servers);
        }
        if (rttMs != null) {
            s.networkRttMs(rttMs);
        }
        if (queue != null) {
            s.queueCapacity(queue);
        }
        String share = sample != null ? sample : tierSample;
        if (share != null) {
            s.sampleFraction(TierSettings.parseSample(share));
        }
        s.outage(outage);
    }

    private List<String> setWithoutTiers() {
        List<String> set = new ArrayList<>();
        Object[][] options = {{"--service", service}, {"--routing", routing}, {"--spill-threshold", spillThreshold},
                {"--tier-sample", tierSample}, {"--edge-service-ms", edgeServiceMs}, {"--edge-servers", edgeServers},
                {"--edge-rtt-ms", edgeRttMs}, {"--edge-queue", edgeQueue}, {"--edge-sample", edgeSample},
                {"--cloud-service-ms", cloudServiceMs}, {"--cloud-servers", cloudServers}, {"--cloud-rtt-ms", cloudRttMs},
                {"--cloud-queue", cloudQueue}, {"--cloud-sample", cloudSample}};
        for (Object[] o : options) {
            if (o[1] != null) {
                set.add((String) o[0]);
            }
        }
        if (edgeOutage) {
            set.add("--edge-outage");
        }
        if (cloudOutage) {
            set.add("--cloud-outage");
        }
        return set;
    }
}
