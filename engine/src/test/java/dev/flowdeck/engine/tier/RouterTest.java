package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    private final TierSettings edge = new TierSettings(10, 1, 0, 1000).distribution(ServiceDistribution.CONSTANT);
    private final TierSettings cloud = new TierSettings(100, 1, 0, 1000).distribution(ServiceDistribution.CONSTANT);
    private final RouterSettings router = new RouterSettings().spillThreshold(3);
    private final Tiers tiers = Tiers.simulated(edge, cloud, router, 1);
    private final List<Job> done = new ArrayList<>();

    private List<String> servedBy(TierRole origin, int requests) {
        done.clear();
        for (int i = 0; i < requests; i++) {
            tiers.submit(origin, i, done::add);
        }
        tiers.loop().runUntilIdle();
        return done.stream().sorted((a, b) -> Long.compare(a.key(), b.key())).map(Job::servedBy).toList();
    }

    @Test
    void edgeOnlyAndCloudOnlySendEverythingToOneTier() {
        router.policy(RoutingPolicy.EDGE_ONLY);
        assertThat(servedBy(TierRole.CLOUD, 10)).containsOnly("edge");
        router.policy(RoutingPolicy.CLOUD_ONLY);
        assertThat(servedBy(TierRole.EDGE, 10)).containsOnly("cloud");
    }

    @Test
    void edgeOnlySendsToTheEdgeEvenWhenItIsOut() {
        router.policy(RoutingPolicy.EDGE_ONLY);
        edge.outage(true);
        assertThat(servedBy(TierRole.EDGE, 4)).containsOnly("edge");
        assertThat(done).allMatch(j -> j.failure() == Job.Failure.OUTAGE);
    }

    @Test
    void hybridServesRequestsWhereTheyArriveAndSpillsPastTheThreshold() {
        router.policy(RoutingPolicy.HYBRID);
        assertThat(servedBy(TierRole.CLOUD, 3)).containsOnly("cloud");
        // 10 edge requests at once: 1 in service, then the queue grows to 3; past 3 waiting, the rest spill.
        List<String> where = servedBy(TierRole.EDGE, 10);
        assertThat(where.subList(0, 5)).containsOnly("edge");
        assertThat(where.subList(5, 10)).containsOnly("cloud");
        assertThat(tiers.router().counts().spilled()).isEqualTo(5);
    }

    @Test
    void hybridSendsEverythingToTheEdgeWhileTheCloudIsOut() {
        router.policy(RoutingPolicy.HYBRID);
        cloud.outage(true);
        assertThat(servedBy(TierRole.CLOUD, 3)).containsOnly("edge");
        assertThat(servedBy(TierRole.EDGE, 10)).containsOnly("edge"); // no spill to a tier that is out
        assertThat(done).allMatch(Job::completed);
        assertThat(tiers.router().counts().diverted()).isEqualTo(3);
    }

    @Test
    void hybridSendsEverythingToTheCloudWhileTheEdgeIsOut() {
        router.policy(RoutingPolicy.HYBRID);
        edge.outage(true);
        assertThat(servedBy(TierRole.EDGE, 5)).containsOnly("cloud");
        assertThat(done).allMatch(Job::completed);
        edge.outage(false);
        assertThat(servedBy(TierRole.EDGE, 2)).containsOnly("edge");
    }

    @Test
    void policiesParseFromTheirLabels() {
        assertThat(RoutingPolicy.parse("edge-only")).isEqualTo(RoutingPolicy.EDGE_ONLY);
        assertThat(RoutingPolicy.parse("CLOUD_ONLY")).isEqualTo(RoutingPolicy.CLOUD_ONLY);
        assertThat(RoutingPolicy.parse(" hybrid ")).isEqualTo(RoutingPolicy.HYBRID);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RoutingPolicy.parse("round-robin"))
                .hasMessageContaining("round-robin").hasMessageContaining("edge-only, cloud-only, hybrid");
    }
}
