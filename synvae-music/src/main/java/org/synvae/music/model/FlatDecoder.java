package org.synvae.music.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The decoder of magenta's flat ({@code cat-mel_*}) MusicVAE: the initial states from z, then a
 * {@link CategoricalDecoder} whose context is z at every step.
 */
final class FlatDecoder implements LatentDecoder {
    private final StateProjection initial;
    private final CategoricalDecoder decoder;

    FlatDecoder(StateProjection initial, CategoricalDecoder decoder) {
        this.initial = initial;
        this.decoder = decoder;
    }

    @Override
    public Decoded decode(INDArray z, Sampling sampling, int steps, SplittableRandom[] rows) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        int b = Math.toIntExact(z.size(0));
        int depth = decoder.depth();
        CategoricalDecoder.Run run = decoder.start(b);
        float[][][] states = initial.states(z);
        for (int l = 0; l < states.length; l++) {
            run.setState(l, states[l][0], states[l][1]);
        }
        int[] previous = new int[b];
        Arrays.fill(previous, depth);
        int[][] tokens = new int[b][steps];
        float[] logits = new float[b * steps * depth];
        run.decode(decoder.contextGates(z), previous, steps, sampling, rows, tokens, logits, steps, 0);
        return new Decoded(tokens, Nd4j.create(logits, new long[] {b, steps, depth}, 'c'));
    }
}
