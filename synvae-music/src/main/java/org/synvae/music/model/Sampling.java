package org.synvae.music.model;

import java.util.SplittableRandom;

/**
 * How the decoder picks each step's class from its logits: the most likely one, or a draw from
 * {@code softmax(logits / temperature)} with a seeded generator.
 *
 * @param temperature softmax temperature; {@code <= 0} means argmax
 * @param seed        seed of the draws
 */
public record Sampling(double temperature, long seed) {

    /** Always the most likely class. */
    public static Sampling argmax() {
        return new Sampling(0, 0);
    }

    /** Draws at {@code temperature} from a generator seeded with {@code seed}. */
    public static Sampling temperature(double temperature, long seed) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        return new Sampling(temperature, seed);
    }

    /** Whether this is argmax decoding. */
    public boolean isArgmax() {
        return !(temperature > 0);
    }

    /**
     * One generator per sequence of a batch of {@code batch}, split in order from one seeded with
     * {@link #seed}: sequence {@code r} draws the same numbers however the batch is cut into parts
     * decoded in parallel.
     */
    SplittableRandom[] rowGenerators(int batch) {
        SplittableRandom base = new SplittableRandom(seed);
        SplittableRandom[] rows = new SplittableRandom[batch];
        for (int r = 0; r < batch; r++) {
            rows[r] = base.split();
        }
        return rows;
    }

    /** Picks a class from one row of logits. */
    int pick(float[] logits, int offset, int depth, SplittableRandom random) {
        int best = 0;
        for (int k = 1; k < depth; k++) {
            if (logits[offset + k] > logits[offset + best]) {
                best = k;
            }
        }
        if (isArgmax()) {
            return best;
        }
        double max = logits[offset + best] / temperature;
        double[] p = new double[depth];
        double sum = 0;
        for (int k = 0; k < depth; k++) {
            p[k] = Math.exp(logits[offset + k] / temperature - max);
            sum += p[k];
        }
        double u = random.nextDouble() * sum;
        for (int k = 0; k < depth; k++) {
            u -= p[k];
            if (u < 0) {
                return k;
            }
        }
        return depth - 1;
    }
}
