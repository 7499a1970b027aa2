package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The tier model on the simulated clock: conservation, Little's law, isolation, live settings, the latency split. */
class TierModelTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static void assertConserved(TierCounts c) {
        assertThat(c.completed() + c.failed() + c.inFlight()).as("completed + failed + in flight of %s", c.tier())
                .isEqualTo(c.arrivals());
        assertThat(c.queued()).isLessThanOrEqualTo(c.queueCapacity());
    }

    @Test
    void conservationHoldsExactlyAtEveryInstantThroughOutagesAndOverload() {
        TierSettings edge = new TierSettings(10, 2, 1, 20).distribution(ServiceDistribution.EXPONENTIAL);
        TierSettings cloud = new TierSettings(100, 8, 50, 40);
        RouterSettings router = new RouterSettings().spillThreshold(5);
        Tiers tiers = Tiers.simulated(edge, cloud, router, 42);
        long[] told = new long[1];
        JobListener count = job -> told[0]++;
        // Edge requests at 1.3x the edge's capacity, cloud requests at 0.5x the cloud's: overload, spills, failures.
        new PoissonArrivals(260, 1).scheduleOn(tiers.loop(), 30_000, i -> tiers.arrive(TierRole.EDGE, i, count));
        new PoissonArrivals(40, 2).scheduleOn(tiers.loop(), 5_000, i -> tiers.arrive(TierRole.CLOUD, i, count));
        long t = 0;
        for (int step = 1; step <= 1_500; step++) {
            t += 50 * MS;
            if (step == 300) {
                cloud.outage(true);
            } else if (step == 400) {
                cloud.outage(false);
            } else if (step == 600) {
                edge.outage(true);
            } else if (step == 650) {
                edge.outage(false).servers(3);
            } else if (step == 800) {
                edge.networkRttMs(5).serviceMeanMs(8);
            }
            tiers.loop().runUntil(t);
            assertConserved(tiers.edge().counts());
            assertConserved(tiers.cloud().counts());
            long arrived = tiers.edge().counts().arrivals() + tiers.cloud().counts().arrivals();
            long finished = tiers.edge().counts().completed() + tiers.edge().counts().failed()
                    + tiers.cloud().counts().completed() + tiers.cloud().counts().failed();
            assertThat(told[0]).isEqualTo(finished);
            assertThat(arrived).isLessThanOrEqualTo(35_000);
        }
        tiers.loop().runUntilIdle();
        TierCounts e = tiers.edge().counts();
        TierCounts c = tiers.cloud().counts();
        assertThat(e.arrivals() + c.arrivals()).isEqualTo(35_000);
        assertThat(e.inFlight() + c.inFlight()).isZero();
        assertThat(e.failedQueueFull()).isPositive();
        assertThat(e.failedOutage()).isPositive();
        assertThat(c.failedOutage()).isPositive();
        assertThat(tiers.router().counts().spilled()).isPositive();
        assertThat(tiers.router().counts().diverted()).isPositive();
        assertThat(told[0]).isEqualTo(35_000);
    }

    @Test
    void littlesLawHoldsWithinFivePercent() {
        TierSettings edge = new TierSettings(10, 2, 0, TierSettings.MAX_QUEUE).distribution(ServiceDistribution.EXPONENTIAL);
        Tiers tiers = Tiers.simulated(edge, TierSettings.cloudDefaults(), new RouterSettings().policy(RoutingPolicy.EDGE_ONLY), 3);
        double[] sumTierNanos = new double[1];
        long[] done = new long[1];
        new PoissonArrivals(140, 9).scheduleOn(tiers.loop(), 200_000, i -> tiers.arrive(TierRole.EDGE, i, job -> {
            sumTierNanos[0] += job.tierNanos();
            done[0]++;
        }));
        // Mid-run, with jobs still in the tier: L (time-average in tier) against lambda * W.
        long horizon = 1_000_000 * MS;
        tiers.loop().runUntil(horizon);
        TierCounts c = tiers.edge().counts();
        assertThat(c.inFlight()).isPositive();
        double lambda = c.arrivals() / (double) horizon;
        double w = sumTierNanos[0] / done[0];
        assertThat(c.meanInTier()).isCloseTo(lambda * w, within(c.meanInTier() * 0.05));
        // Utilisation: lambda * S / c.
        assertThat(c.meanBusy() / 2).isCloseTo(140 * 0.010 / 2, within(0.02));
    }

    @Test
    void aCloudOutageLeavesTheEdgeLatencyDistributionUnchanged() {
        List<Long> calm = edgeLatencies(false);
        List<Long> stormy = edgeLatencies(true);
        assertThat(calm).hasSize(20_000);
        assertThat(stormy).isEqualTo(calm);
    }

    /** Same seed and edge load; the cloud is driven past the router (its endpoint) and may be out for a while. */
    private static List<Long> edgeLatencies(boolean cloudOutage) {
        TierSettings edge = new TierSettings(10, 2, 1, 100).distribution(ServiceDistribution.EXPONENTIAL);
        TierSettings cloud = TierSettings.cloudDefaults();
        Tiers tiers = Tiers.simulated(edge, cloud, new RouterSettings().spillThreshold(TierSettings.MAX_QUEUE), 11);
        List<Long> latencies = new ArrayList<>();
        new PoissonArrivals(150, 5).scheduleOn(tiers.loop(), 20_000, i -> tiers.arrive(TierRole.EDGE, i, job -> {
            if (job.completed()) {
                latencies.add(job.latencyNanos());
            }
        }));
        new PoissonArrivals(60, 6).scheduleOn(tiers.loop(), 8_000, i -> tiers.arriveAt(TierRole.CLOUD, i, JobListener.NONE));
        tiers.loop().runUntil(30_000 * MS);
        cloud.outage(cloudOutage);
        tiers.loop().runUntil(90_000 * MS);
        cloud.outage(false);
        tiers.loop().runUntilIdle();
        if (cloudOutage) {
            assertThat(tiers.cloud().counts().failedOutage()).isPositive();
        }
        return latencies;
    }

    @Test
    void latencyIsQueueingPlusServicePlusTheRoundTrip() {
        TierSettings edge = new TierSettings(10, 1, 6, 100).distribution(ServiceDistribution.CONSTANT);
        Tiers tiers = Tiers.simulated(edge, TierSettings.cloudDefaults(), new RouterSettings().policy(RoutingPolicy.EDGE_ONLY), 1);
        List<Job> jobs = new ArrayList<>();
        // Three requests at once: served one after another, so they wait 0, 10 and 20 ms.
        for (int i = 0; i < 3; i++) {
            assertThat(tiers.submit(TierRole.EDGE, i, jobs::add)).isTrue();
        }
        tiers.loop().runUntilIdle();
        assertThat(jobs).hasSize(3).allMatch(Job::completed);
        for (int i = 0; i < 3; i++) {
            Job j = jobs.get(i);
            assertThat(j.networkNanos()).isEqualTo(6 * MS);
            assertThat(j.serviceNanos()).isEqualTo(10 * MS);
            assertThat(j.queueingNanos()).isEqualTo(i * 10 * MS);
            assertThat(j.latencyNanos()).isEqualTo(j.queueingNanos() + j.serviceNanos() + j.networkNanos());
            assertThat(j.servedBy()).isEqualTo("edge");
        }
        tiers.roll();
        TierSnapshot s = tiers.edge().snapshot();
        assertThat(s.total().latency().count()).isEqualTo(3);
        assertThat(s.total().service().p50()).isCloseTo(10.0, within(0.05));
        assertThat(s.total().network().max()).isCloseTo(6.0, within(0.05));
        assertThat(s.total().latency().max()).isCloseTo(36.0, within(0.1));
    }

    @Test
    void liveSettingsActAtOnce() {
        TierSettings edge = new TierSettings(10, 1, 0, 100).distribution(ServiceDistribution.CONSTANT);
        Tiers tiers = Tiers.simulated(edge, TierSettings.cloudDefaults(), new RouterSettings().policy(RoutingPolicy.EDGE_ONLY), 1);
        List<Job> done = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tiers.submit(TierRole.EDGE, i, done::add);
        }
        tiers.loop().runUntil(MS);
        assertThat(tiers.edge().counts().queued()).isEqualTo(5);
        edge.servers(3); // two more servers take two waiting jobs now, not at the next completion
        tiers.loop().runUntil(2 * MS);
        assertThat(tiers.edge().counts().inService()).isEqualTo(3);
        assertThat(tiers.edge().counts().queued()).isEqualTo(3);
        edge.serviceMeanMs(50);
        tiers.loop().runUntil(5 * MS);
        edge.outage(true); // what waits and what is in service fails
        tiers.loop().runUntil(6 * MS);
        TierCounts c = tiers.edge().counts();
        assertThat(c.failedOutage()).isEqualTo(6);
        assertThat(c.inFlight()).isZero();
        assertThat(tiers.submit(TierRole.EDGE, 99, done::add)).isTrue();
        tiers.loop().runUntil(7 * MS);
        assertThat(done.get(done.size() - 1).failure()).isEqualTo(Job.Failure.OUTAGE);
        edge.outage(false);
        tiers.submit(TierRole.EDGE, 100, done::add);
        tiers.loop().runUntilIdle();
        Job last = done.get(done.size() - 1);
        assertThat(last.completed()).isTrue();
        assertThat(last.serviceNanos()).isEqualTo(50 * MS);
    }

    @Test
    void aFullQueueFailsArrivalsAtOnce() {
        TierSettings edge = new TierSettings(10, 1, 0, 2).distribution(ServiceDistribution.CONSTANT);
        Tiers tiers = Tiers.simulated(edge, TierSettings.cloudDefaults(), new RouterSettings().policy(RoutingPolicy.EDGE_ONLY), 1);
        List<Job> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tiers.submit(TierRole.EDGE, i, done::add);
        }
        tiers.loop().runUntil(MS);
        // one in service, two waiting, two turned away with no delay
        assertThat(done).hasSize(2).allMatch(j -> j.failure() == Job.Failure.QUEUE_FULL && j.latencyNanos() == 0);
        tiers.loop().runUntilIdle();
        assertThat(tiers.edge().counts().completed()).isEqualTo(3);
        assertThat(tiers.edge().counts().failedQueueFull()).isEqualTo(2);
    }
}
