package dev.flowdeck.engine.cdc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class IdRangesTest {
    @Test
    void addMergesNeighboursAndFormatsAsRanges() {
        IdRanges r = new IdRanges();
        for (long id : new long[] {5, 7, 6, 10, 3, 4, 12, 11}) {
            r.add(id);
        }
        assertThat(r.format()).isEqualTo("3-7,10-12");
        assertThat(r.rangeCount()).isEqualTo(2);
        assertThat(IdRanges.parse(r.format()).format()).isEqualTo(r.format());
    }

    @Test
    void gapsAreTheMissingIdsBetweenWatermarkAndMax() {
        IdRanges r = IdRanges.parse("3-7,10-12,15");
        assertThat(r.gaps(0, 15)).containsExactly(new long[] {1, 2}, new long[] {8, 9}, new long[] {13, 14});
        assertThat(r.gaps(2, 12)).containsExactly(new long[] {8, 9});
        assertThat(r.gaps(0, 20)).last().isEqualTo(new long[] {16, 20});
    }

    @Test
    void removeUpToCutsARangeInTwo() {
        IdRanges r = IdRanges.parse("3-7,10-12");
        r.removeUpTo(5);
        assertThat(r.format()).isEqualTo("6-7,10-12");
        r.removeUpTo(11);
        assertThat(r.format()).isEqualTo("12");
    }

    @Test
    void addRangeMergesAndRemoveSplits() {
        IdRanges r = IdRanges.parse("3-7,20-25");
        r.addRange(8, 12);
        assertThat(r.format()).isEqualTo("3-12,20-25");
        r.addRange(10, 21);
        assertThat(r.format()).isEqualTo("3-25");
        r.remove(10);
        r.remove(3);
        r.remove(25);
        assertThat(r.format()).isEqualTo("4-9,11-24");
        r.remove(100);
        assertThat(r.format()).isEqualTo("4-9,11-24");
    }

    @Test
    void behavesLikeASetOfIds() {
        Random random = new Random(7);
        IdRanges r = new IdRanges();
        TreeSet<Long> model = new TreeSet<>();
        for (int i = 0; i < 5_000; i++) {
            long id = 1 + random.nextInt(2_000);
            switch (random.nextInt(3)) {
                case 0 -> {
                    r.add(id);
                    model.add(id);
                }
                case 1 -> {
                    long to = Math.min(2_000, id + random.nextInt(20));
                    r.addRange(id, to);
                    for (long x = id; x <= to; x++) {
                        model.add(x);
                    }
                }
                default -> {
                    r.remove(id);
                    model.remove(id);
                }
            }
        }
        for (long id = 0; id <= 2_001; id++) {
            assertThat(r.contains(id)).isEqualTo(model.contains(id));
        }
        List<long[]> gaps = r.gaps(0, 2_000);
        long missing = gaps.stream().mapToLong(g -> g[1] - g[0] + 1).sum();
        assertThat(missing).isEqualTo(2_000 - model.headSet(2_000L, true).size());
    }
}
