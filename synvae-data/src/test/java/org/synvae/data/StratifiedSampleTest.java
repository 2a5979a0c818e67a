package org.synvae.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A subset keeps every class's share and is a seeded draw, not the first items in file order. */
class StratifiedSampleTest {
    /** 600 apples, then 300 pears, then 100 plums: the order of an image folder. */
    private static final int[] LABELS = new int[1000];

    static {
        Arrays.fill(LABELS, 600, 900, 1);
        Arrays.fill(LABELS, 900, 1000, 2);
    }

    @Test
    void keepsEachClassesShare() {
        int[] picked = StratifiedSample.indices(LABELS, 100, 7);
        assertThat(picked).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(picked).map(i -> LABELS[i] == 0 ? 1 : 0).sum()).isEqualTo(60);
        assertThat(Arrays.stream(picked).map(i -> LABELS[i] == 1 ? 1 : 0).sum()).isEqualTo(30);
        assertThat(Arrays.stream(picked).map(i -> LABELS[i] == 2 ? 1 : 0).sum()).isEqualTo(10);
        // Not the first ten plums, nor the first apples: a draw from within each class.
        assertThat(Arrays.stream(picked).filter(i -> LABELS[i] == 2).toArray())
                .isNotEqualTo(java.util.stream.IntStream.range(900, 910).toArray());
        assertThat(picked).isNotEqualTo(StratifiedSample.indices(LABELS, 100, 8));
        assertThat(picked).isEqualTo(StratifiedSample.indices(LABELS, 100, 7));
    }

    @Test
    void remaindersGoToTheLargestFractionsAndSmallClassesAreKept() {
        // 7 of 1000: exact shares 4.2, 2.1, 0.7 -> 4, 2, 1.
        int[] picked = StratifiedSample.indices(LABELS, 7, 1);
        assertThat(picked).hasSize(7);
        assertThat(Arrays.stream(picked).filter(i -> LABELS[i] == 2).count()).isEqualTo(1);
        assertThat(StratifiedSample.indices(LABELS, 0, 1)).hasSize(1000);
        assertThat(StratifiedSample.indices(LABELS, 5000, 1)).hasSize(1000);
    }
}
