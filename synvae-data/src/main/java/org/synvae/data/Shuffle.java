package org.synvae.data;

import java.util.SplittableRandom;

/** Seeded permutations (Fisher-Yates), identical on every platform for a given seed. */
public final class Shuffle {
    private Shuffle() {
    }

    /** A permutation of {@code 0..n-1} drawn from {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
