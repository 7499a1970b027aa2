package dev.flowdeck.engine.stream;

import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.ChangeEventJson;
import dev.flowdeck.engine.config.KafkaSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The topology's logic without a broker: aggregates, the amount rule, absence and anomalies. */
class ProcessorTopologyTest {
    private static final long T0 = 1_800_000_000_000L; // a multiple of the window size
    private static final long W = 5_000;
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};
    private static final String[] ORGS = {"Acme", "Globex", "Initech", "Umbrella"};

    @TempDir
    Path stateDir;

    private final ProcessorSettings settings = new ProcessorSettings()
            .window(Duration.ofMillis(W)).grace(Duration.ofSeconds(10)).absenceDelay(Duration.ofSeconds(1))
            .commitIntervalMs(100).alertAmount(new BigDecimal("1000.00")).anomalyWarmupWindows(3);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, byte[]> aggregates;
    private TestOutputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> anomalies;
    private long nextId = 1;

    @BeforeEach
    void start() {
        ProcessorProbe probe = new ProcessorProbe() {
            @Override
            public void processed(ChangeEvent e) {
                processed.incrementAndGet();
            }

            @Override
            public void replayed(ChangeEvent e) {
                replayed.incrementAndGet();
            }

            @Override
            public void late(ChangeEvent e) {
                late.incrementAndGet();
            }
        };
        Properties config = StreamsProperties.of(settings, KafkaSettings.of("127.0.0.1:9"), stateDir);
        driver = new TopologyTestDriver(ProcessorTopology.build(settings, probe, config), config, Instant.ofEpochMilli(T0));
        input = driver.createInputTopic(settings.sourceTopic(), new StringSerializer(), new ByteArraySerializer());
        aggregates = driver.createOutputTopic(settings.aggregatesTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(settings.alertsTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        anomalies = driver.createOutputTopic(settings.anomaliesTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aggregatesEqualTotalsComputedDirectlyAndReplaysAreSkipped() {
        Random random = new Random(7);
        List<ChangeEvent> live = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long at = T0 + i * 30L + random.nextInt(3_000); // four windows, out of order by up to 3 s (grace: 10 s)
            ChangeEvent e = event(ORGS[random.nextInt(ORGS.length)], cents(random.nextInt(200_000)),
                    REGIONS[random.nextInt(REGIONS.length)], at);
            send(e);
            live.add(e);
            if (i % 50 == 0) {
                send(new ChangeEvent(e.id(), ChangeEvent.REPLAY, e.org(), e.amount(), e.region(), e.createdAtMicros(), e.capturedAtMicros()));
            }
            if (i % 100 == 99) {
                flush();
            }
        }
        flush();

        Map<String, WindowAggregate> latest = latestParts();
        Map<String, WindowStats> expected = new HashMap<>();
        for (ChangeEvent e : live) {
            long at = e.createdAtMicros() / 1000;
            long window = Math.floorDiv(at, W) * W;
            WindowStats one = WindowStats.EMPTY.add(WindowStats.cents(e.amount()), at);
            expected.merge(WindowAggregate.REGION + "/" + e.region() + "/" + window + "/" + W + "/0", one, ProcessorTopologyTest::merge);
            expected.merge(WindowAggregate.ORG + "/" + e.org() + "/" + window + "/" + W + "/0", one, ProcessorTopologyTest::merge);
        }
        assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, stats) -> {
            WindowAggregate a = latest.get(key);
            assertThat(a.count()).as(key).isEqualTo(stats.count());
            assertThat(a.sum()).as(key).isEqualByComparingTo(WindowStats.amount(stats.sumCents()));
            assertThat(a.min()).as(key).isEqualByComparingTo(WindowStats.amount(stats.minCents()));
            assertThat(a.max()).as(key).isEqualByComparingTo(WindowStats.amount(stats.maxCents()));
            assertThat(a.avg().doubleValue()).as(key).isCloseTo(stats.sumCents() / 100.0 / stats.count(), within(1e-6));
            assertThat(a.eventsPerS()).as(key).isCloseTo(stats.count() / 5.0, within(1e-9));
            assertThat(a.windowMs()).isEqualTo(W);
            assertThat(a.part()).isZero();
            assertThat(a.lastEventMs()).isEqualTo(stats.lastEventMs());
        });
        assertThat(processed.get()).isEqualTo(600);
        assertThat(replayed.get()).isEqualTo(12);
        assertThat(late.get()).isZero();
    }

    @Test
    void theDefaultStoresAreRocksDbInTheStateFolderAndBackedByChangelogs() throws Exception {
        assertThat(settings.stateStore()).isEqualTo(StateStoreKind.ROCKSDB);
        assertThat(driver.getAllStateStores()).containsOnlyKeys(PartialAggregator.STORE, RateMonitorProcessor.STORE)
                .allSatisfy((name, store) -> assertThat(store.persistent()).as(name).isTrue());
        send(event("Acme", "1.00", "eu-west", T0 + 100));
        flush();
        send(event("Acme", "1.00", "eu-west", T0 + 2 * W + 1_000)); // lets the rate monitor judge a window
        flush();
        String app = settings.effectiveApplicationId();
        assertThat(driver.producedTopicNames()).contains(app + "-" + PartialAggregator.STORE + "-changelog",
                app + "-" + RateMonitorProcessor.STORE + "-changelog");
        try (var files = java.nio.file.Files.walk(stateDir.resolve(app))) {
            assertThat(files.map(f -> stateDir.relativize(f).toString().replace('\\', '/')))
                    .anyMatch(f -> f.matches(".+/rocksdb/" + PartialAggregator.STORE + "/.+\\.sst|.+/rocksdb/" + PartialAggregator.STORE + "/CURRENT"));
        }
    }

    @Test
    void memoryStoresWhenChosenLeaveTheStateFolderAlone(@TempDir Path tempDir) {
        Path memoryStateDir = tempDir.resolve("memory");
        ProcessorSettings memory = new ProcessorSettings().window(Duration.ofMillis(W)).stateStore(StateStoreKind.MEMORY);
        Properties config = StreamsProperties.of(memory, KafkaSettings.of("127.0.0.1:9"), memoryStateDir);
        try (TopologyTestDriver d = new TopologyTestDriver(ProcessorTopology.build(memory, ProcessorProbe.NONE, config), config,
                Instant.ofEpochMilli(T0))) {
            d.createInputTopic(memory.sourceTopic(), new StringSerializer(), new ByteArraySerializer())
                    .pipeInput("1", ChangeEventJson.write(event("Acme", "1.00", "eu-west", T0 + 100)), T0 + 100);
            d.advanceWallClockTime(Duration.ofMillis(memory.commitIntervalMs()));
            assertThat(d.getAllStateStores()).isNotEmpty().allSatisfy((name, store) -> assertThat(store.persistent()).as(name).isFalse());
            assertThat(d.producedTopicNames()).contains(memory.effectiveApplicationId() + "-" + PartialAggregator.STORE + "-changelog");
        }
        assertThat(memoryStateDir.resolve(memory.effectiveApplicationId()).resolve("0_0").resolve("rocksdb")).doesNotExist();
    }

    @Test
    void amountAlertsFireForEventsAboveTheThresholdAndOnlyForThem() {
        ChangeEvent below = send(event("Acme", "999.99", "eu-west", T0));
        ChangeEvent equal = send(event("Acme", "1000.00", "eu-west", T0 + 1));
        ChangeEvent above = send(event("Globex", "1000.01", "us-east", T0 + 2));
        ChangeEvent far = send(event("Initech", "38473.66", "ap-south", T0 + 3));
        send(new ChangeEvent(far.id(), ChangeEvent.REPLAY, far.org(), far.amount(), far.region(), far.createdAtMicros(), far.capturedAtMicros()));

        List<Alert> raised = amountAlerts();
        assertThat(raised).extracting(Alert::eventId).containsExactly(above.id(), far.id());
        Alert first = raised.get(0);
        assertThat(first.rule()).isEqualTo(Alert.AMOUNT_ABOVE);
        assertThat(first.value()).isEqualByComparingTo("1000.01");
        assertThat(first.threshold()).isEqualByComparingTo("1000.00");
        assertThat(first.timeMs()).isEqualTo(T0 + 2);
        assertThat(first.region()).isEqualTo("us-east");
        assertThat(first.key()).isEqualTo("amount_above/" + above.id());
        assertThat(below.id()).isNotIn(raised.stream().map(Alert::eventId).toList());
        assertThat(equal.id()).isNotIn(raised.stream().map(Alert::eventId).toList());

        settings.alertAmount(new BigDecimal("100")); // live: the next event is judged by the new threshold
        ChangeEvent now = send(event("Acme", "150.00", "eu-west", T0 + 4));
        assertThat(amountAlerts()).extracting(Alert::eventId).containsExactly(now.id());
    }

    @Test
    void aRegionGoingQuietRaisesRateZeroWhenStreamTimePassesTheEmptyWindow() {
        send(event("Acme", "1.00", "eu-west", T0 + 100));
        send(event("Acme", "1.00", "us-east", T0 + 200));
        flush();
        send(event("Acme", "1.00", "eu-west", T0 + W + 100)); // us-east is silent in the second window
        flush();
        assertThat(rateAlerts()).isEmpty();
        // Event time must pass the second window's end plus the absence delay (1 s) before it is judged.
        send(event("Acme", "1.00", "eu-west", T0 + 2 * W + 900));
        flush();
        assertThat(rateAlerts()).isEmpty();
        send(event("Acme", "1.00", "eu-west", T0 + 2 * W + 1_000));
        flush();
        List<Alert> raised = rateAlerts();
        assertThat(raised).extracting(Alert::region, Alert::windowStartMs).containsExactly(org.assertj.core.groups.Tuple.tuple("us-east", T0 + W));
        assertThat(raised.get(0).key()).isEqualTo("rate_zero/us-east/" + (T0 + W));
        // More events later do not repeat it.
        send(event("Acme", "1.00", "eu-west", T0 + 4 * W));
        flush();
        assertThat(rateAlerts()).isEmpty();
    }

    @Test
    void silenceOfEveryRegionIsDetectedByTheWallClock() {
        send(event("Acme", "1.00", "eu-west", T0 + 100));
        send(event("Acme", "1.00", "us-east", T0 + 200));
        flush();
        driver.advanceWallClockTime(Duration.ofMillis(W)); // idle, but the next window is not over yet
        assertThat(rateAlerts()).isEmpty();
        // The second window ends at T0 + 2W; judged at (end + absence delay) + the idle allowance.
        driver.advanceWallClockTime(Duration.ofMillis(W + settings.absenceDelay().toMillis() + settings.idleAfterMs()));
        assertThat(rateAlerts()).extracting(Alert::region).containsExactlyInAnyOrder("eu-west", "us-east");
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(rateAlerts()).as("an empty window after an empty window raises nothing").isEmpty();
    }

    @Test
    void aRateFarAboveTheRollingMeanIsAnAnomalyAndASteadyRateIsNot() {
        for (int window = 0; window < 8; window++) {
            for (int i = 0; i < 50 + (window % 2) * 4; i++) { // 10 to 10.8 events/s: steady
                send(event("Acme", "1.00", "eu-west", T0 + window * W + i * 90));
            }
            flush();
        }
        for (int i = 0; i < 500; i++) { // 100 events/s in window 8
            send(event("Acme", "1.00", "eu-west", T0 + 8 * W + i * 9));
        }
        flush();
        send(event("Acme", "1.00", "eu-west", T0 + 10 * W)); // event time passes window 8's end
        flush();
        List<Anomaly> found = anomalies.readValuesToList().stream().map(v -> ProcessorJson.read(v, Anomaly.class)).toList();
        assertThat(found).hasSize(1);
        Anomaly a = found.get(0);
        assertThat(a.region()).isEqualTo("eu-west");
        assertThat(a.timeMs()).isEqualTo(T0 + 8 * W);
        assertThat(a.direction()).isEqualTo(Anomaly.SPIKE);
        assertThat(a.rate()).isCloseTo(100.0, within(1e-9));
        assertThat(a.mean()).isBetween(10.0, 11.0);
        assertThat(a.z()).isGreaterThan(settings.anomalyZ());
    }

    @Test
    void anEventLaterThanTheGraceIsDroppedFromItsWindow() {
        send(event("Acme", "5.00", "eu-west", T0 + 100));
        send(event("Acme", "5.00", "eu-west", T0 + W + settings.grace().toMillis() + 1)); // closes the first window
        send(event("Acme", "7.00", "eu-west", T0 + 200)); // too late
        flush();
        assertThat(latestParts().get("region/eu-west/" + T0 + "/" + W + "/0").count()).isEqualTo(1);
        assertThat(late.get()).isEqualTo(1);
    }

    /** Lets the wall-clock punctuators run once: window parts are emitted once per commit interval. */
    private void flush() {
        driver.advanceWallClockTime(Duration.ofMillis(settings.commitIntervalMs()));
    }

    private Map<String, WindowAggregate> latestParts() {
        Map<String, WindowAggregate> latest = new HashMap<>();
        aggregates.readKeyValuesToList().forEach(kv -> latest.put(kv.key, ProcessorJson.read(kv.value, WindowAggregate.class)));
        return latest;
    }

    private List<Alert> amountAlerts() {
        return alerts.readValuesToList().stream().map(v -> ProcessorJson.read(v, Alert.class))
                .filter(a -> a.rule().equals(Alert.AMOUNT_ABOVE)).toList();
    }

    private List<Alert> rateAlerts() {
        return alerts.readValuesToList().stream().map(v -> ProcessorJson.read(v, Alert.class))
                .filter(a -> a.rule().equals(Alert.RATE_ZERO)).toList();
    }

    private ChangeEvent event(String org, String amount, String region, long atMs) {
        long id = nextId++;
        return new ChangeEvent(id, ChangeEvent.CREATE, org, new BigDecimal(amount), region, atMs * 1000 + 123, atMs * 1000 + 5_000);
    }

    private ChangeEvent send(ChangeEvent e) {
        input.pipeInput(Long.toString(e.id()), ChangeEventJson.write(e), e.capturedAtMicros() / 1000);
        return e;
    }

    private static String cents(int cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static WindowStats merge(WindowStats a, WindowStats b) {
        return new WindowStats(a.count() + b.count(), a.sumCents() + b.sumCents(), Math.min(a.minCents(), b.minCents()),
                Math.max(a.maxCents(), b.maxCents()), Math.max(a.lastEventMs(), b.lastEventMs()));
    }
}
