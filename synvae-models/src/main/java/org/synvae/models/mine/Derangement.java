package org.synvae.models.mine;

import java.util.SplittableRandom;

/**
 * Shuffled pairings without fixed points, for MINE's marginal samples: pairing {@code x_i} with
 * {@code y_pi(i)} where {@code pi(i) != i} for every {@code i}, so no "marginal" pair is in fact a
 * joint one. (The seed shifted the batch by a random offset that could be 0, which made the
 * marginal batch equal the joint one.)
 */
public final class Derangement {
    private Derangement() {
    }

    /**
     * A random permutation of {@code 0..n-1} with no fixed point, by Sattolo's algorithm: a uniformly
     * random single n-cycle (a subset of all derangements, which is enough to break every pair).
     *
     * @throws IllegalArgumentException if {@code n < 2}
     */
    public static int[] random(int n, SplittableRandom random) {
        if (n < 2) {
            throw new IllegalArgumentException("a derangement needs at least 2 items, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
