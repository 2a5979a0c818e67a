package org.synvae.models.mine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.synvae.data.sets.LatentPairs;

/**
 * Mutual information estimated by a trained critic on pairs it was not trained on: both bounds
 * from the joint scores of every pair and the marginal scores of {@code shuffles} random
 * derangements of the set (more marginal samples than one pass, less variance in the
 * {@code exp} term).
 *
 * @param nwj             the NWJ bound (nats)
 * @param dv              the Donsker-Varadhan bound (nats), at least {@code nwj}
 * @param pairs           held-out pairs scored
 * @param marginalSamples marginal pairs scored
 */
public record MineEstimate(double nwj, double dv, int pairs, int marginalSamples) {

    /** The value of {@code bound}. */
    public double value(MineBound bound) {
        return bound == MineBound.NWJ ? nwj : dv;
    }

    /**
     * Scores {@code pairs} with {@code mine}.
     *
     * @param shuffles number of derangements for marginal samples (at least 1)
     * @param seed     seed of the derangements
     */
    public static MineEstimate of(Mine mine, LatentPairs pairs, int shuffles, long seed) {
        if (shuffles < 1) {
            throw new IllegalArgumentException("need at least one shuffle, got " + shuffles);
        }
        int n = pairs.count();
        float[] x = pairs.visual();
        float[] y = pairs.auditive();
        double[] joint = mine.scores(x, y, n);
        int dy = pairs.auditiveDim();
        double[] marginal = new double[n * shuffles];
        SplittableRandom random = new SplittableRandom(seed);
        float[] shuffled = new float[y.length];
        for (int s = 0; s < shuffles; s++) {
            int[] pi = Derangement.random(n, random);
            for (int i = 0; i < n; i++) {
                System.arraycopy(y, pi[i] * dy, shuffled, i * dy, dy);
            }
            System.arraycopy(mine.scores(x, shuffled, n), 0, marginal, s * n, n);
        }
        return new MineEstimate(MineBound.NWJ.value(joint, marginal), MineBound.DV.value(joint, marginal), n, marginal.length);
    }

    /** For results.json. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nwj_nats", nwj);
        m.put("dv_nats", dv);
        m.put("pairs", pairs);
        m.put("marginal_samples", marginalSamples);
        return m;
    }
}
