package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.metrics.LatencyRecorder;
import dev.flowdeck.engine.metrics.StageCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long {@code --max-rate} run: what the verifier keeps for the ids it has seen grows with the holes among them, not
 * with their number (it used to keep one bit per id, and counted ids more than 2^31 above the run's start as "outside
 * the run").
 */
class DeliveryVerifierMemoryTest {
    private static final long BASE = 1_000;
    private static final long IDS = 6_000_000;

    @Test
    void millionsOfIdsInOrderWithSwapsDuplicatesAndGapsKeepAHandfulOfRanges() {
        DeliveryVerifier verifier = new DeliveryVerifier(KafkaSettings.of("127.0.0.1:9"), "events", BASE,
                new StageCounters("verifier"), new LatencyRecorder(), new LatencyRecorder());
        int maxRanges = 0;
        long lost = 0;
        long duplicated = 0;
        for (long i = 1; i <= IDS; i += 2) {
            long id = BASE + i;
            if (i % 1_000_001 == 0) {
                lost += 2; // a pair that never arrives: a hole the verifier must keep
            } else {
                verifier.note(id + 1); // out of order within the pair
                verifier.note(id);
            }
            if (i % 10_007 == 0) {
                verifier.note(id); // a redelivery
                duplicated++;
            }
            maxRanges = Math.max(maxRanges, verifier.retainedRanges());
        }
        verifier.note(BASE); // written before the run
        assertThat(verifier.verified()).isEqualTo(IDS - lost);
        assertThat(verifier.duplicates()).isEqualTo(duplicated);
        assertThat(verifier.outsideRun()).isEqualTo(1);
        assertThat(lost).isPositive();
        assertThat(maxRanges).isLessThanOrEqualTo(2 + (int) (lost / 2));
        assertThat(verifier.missing(new long[] {BASE + 1, BASE + 1_000_001, BASE + 1_000_002})).isEqualTo(2);
    }

    @Test
    void idsFarAboveTheStartStillCountAsThisRunsRows() {
        DeliveryVerifier verifier = new DeliveryVerifier(KafkaSettings.of("127.0.0.1:9"), "events", BASE,
                new StageCounters("verifier"), new LatencyRecorder(), new LatencyRecorder());
        long far = BASE + 3_000_000_000L; // a run at 50,000 rows/s passes this after about 17 hours
        verifier.note(far);
        assertThat(verifier.verified()).isEqualTo(1);
        assertThat(verifier.outsideRun()).isZero();
        assertThat(verifier.missing(new long[] {far, far + 1})).isEqualTo(1);
    }
}
