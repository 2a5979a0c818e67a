package org.synvae.eval.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How many items of a set have a sequence (a melody) that no other item has. */
public final class Distinctness {
    private Distinctness() {
    }

    /** The fraction of {@code sequences} that occur exactly once among them. */
    public static double uniqueFraction(List<int[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences");
        }
        Map<List<Integer>, Integer> counts = new HashMap<>();
        for (int[] s : sequences) {
            counts.merge(Arrays.stream(s).boxed().toList(), 1, Integer::sum);
        }
        long unique = sequences.stream().filter(s -> counts.get(Arrays.stream(s).boxed().toList()) == 1).count();
        return unique / (double) sequences.size();
    }
}
