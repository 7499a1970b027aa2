package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.metrics.LatencyRecorder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tiers on the wall clock, fed from several threads while a sampler reads snapshots, as the console does. */
class TierLiveTest {
    @Test
    void snapshotsTakenWhileTheLoopRunsAlwaysAddUp() throws Exception {
        TierSettings edge = new TierSettings(1, 2, 1, 50).distribution(ServiceDistribution.EXPONENTIAL);
        TierSettings cloud = new TierSettings(5, 8, 4, 100);
        RouterSettings router = new RouterSettings().spillThreshold(10);
        Tiers tiers = Tiers.wall(edge, cloud, router, 1, name -> new LatencyRecorder());
        tiers.stage().start();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong snapshots = new AtomicLong();
        List<String> broken = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (Tier t : List.of(tiers.edge(), tiers.cloud())) {
                    TierCounts c = t.snapshot().counts();
                    if (c.completed() + c.failed() + c.inFlight() != c.arrivals()) {
                        synchronized (broken) {
                            broken.add(c.toString());
                        }
                    }
                }
                snapshots.incrementAndGet();
                Thread.onSpinWait();
            }
        }, "flowdeck-test-sampler");
        sampler.start();
        List<Thread> feeders = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        for (int f = 0; f < 3; f++) {
            TierRole origin = f == 0 ? TierRole.CLOUD : TierRole.EDGE;
            Thread t = new Thread(() -> {
                for (int i = 0; i < 3_000; i++) {
                    if (tiers.submit(origin, i, JobListener.NONE)) {
                        accepted.incrementAndGet();
                    }
                    if (i % 50 == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                }
            }, "flowdeck-test-feeder-" + f);
            feeders.add(t);
            t.start();
        }
        edge.servers(3);
        cloud.outage(true);
        cloud.outage(false);
        for (Thread t : feeders) {
            t.join();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> tiers.inFlight() == 0
                && tiers.edge().counts().arrivals() + tiers.cloud().counts().arrivals() == accepted.get());
        sampling.set(false);
        sampler.join();
        tiers.stage().stop();
        tiers.close();
        assertThat(broken).isEmpty();
        assertThat(snapshots.get()).isGreaterThan(100);
        assertThat(accepted.get()).isEqualTo(9_000);
        TierCounts e = tiers.edge().counts();
        TierCounts c = tiers.cloud().counts();
        assertThat(e.completed() + e.failed() + c.completed() + c.failed()).isEqualTo(9_000);
        assertThat(tiers.loop().lag().total().count()).isZero(); // not rolled: nobody asked
        tiers.roll();
        assertThat(tiers.loop().lag().total().count()).isPositive();
    }
}
