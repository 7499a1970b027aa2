package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivalOrderTest {
    @Test
    void handsJobsOnInKeyOrderHoweverTheyFinish() {
        List<Long> seen = new ArrayList<>();
        ArrivalOrder order = new ArrivalOrder(j -> seen.add(j.key()));
        // finishes in blocks of 300 reversed: job 299 first, then 298, ... so the ring must grow past 64
        for (long block = 0; block < 3; block++) {
            for (long k = block * 300 + 299; k >= block * 300; k--) {
                order.add(new Job(k, k, null, null));
            }
            assertThat(order.passed()).isEqualTo(block * 300 + 300);
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.range(0, 900).boxed().toList());
    }

    @Test
    void aJobFinishingTwiceIsAnError() {
        ArrivalOrder order = new ArrivalOrder(j -> { });
        order.add(new Job(0, 0, null, null));
        assertThatThrownBy(() -> order.add(new Job(0, 0, null, null))).hasMessageContaining("twice");
    }
}
