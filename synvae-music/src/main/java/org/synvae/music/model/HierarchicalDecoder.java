package org.synvae.music.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * magenta's {@code HierarchicalLstmDecoder} with two levels and {@code disable_autoregression=True}
 * (the {@code hierdec-mel_*} configs), at inference:
 * <ol>
 * <li>the conductor, an LSTM stack whose initial states are {@code tanh(dense(z))}
 *     ({@code decoder/hierarchical_level_0/initial_state}), steps once per bar on a constant zero
 *     input of width 1; its top h is the bar's embedding;</li>
 * <li>per bar, the core decoder (a {@link CategoricalDecoder}, variables under
 *     {@code core_decoder/decoder/}) starts from {@code tanh(dense(embedding))}
 *     ({@code z_to_initial_state}) and decodes the bar's steps with the embedding as its context;
 *     its first input is the one-hot of the previous bar's last class (zeros for the first bar),
 *     as magenta's {@code start_inputs=all_samples[-1][:, -1]}.</li>
 * </ol>
 * One seeded generator serves all bars, so sampling is reproducible.
 */
final class HierarchicalDecoder implements LatentDecoder {
    private final LstmCell[] conductor;
    private final StateProjection conductorInitial;
    private final StateProjection coreInitial;
    private final CategoricalDecoder core;
    private final int stepsPerBar;

    /**
     * @param conductor   the conductor's layers; the first one's input is 1 wide (always zero)
     * @param stepsPerBar core steps per conductor step
     */
    HierarchicalDecoder(LstmCell[] conductor, StateProjection conductorInitial, StateProjection coreInitial,
                        CategoricalDecoder core, int stepsPerBar) {
        this.conductor = conductor.clone();
        this.conductorInitial = conductorInitial;
        this.coreInitial = coreInitial;
        this.core = core;
        this.stepsPerBar = stepsPerBar;
    }

    @Override
    public Decoded decode(INDArray z, Sampling sampling, int steps, SplittableRandom[] rows) {
        if (steps < 1 || steps % stepsPerBar != 0) {
            throw new IllegalArgumentException("a hierarchical decoder produces whole bars of " + stepsPerBar + " steps; "
                    + steps + " steps asked");
        }
        int bars = steps / stepsPerBar;
        int b = Math.toIntExact(z.size(0));
        int depth = core.depth();
        LstmStepper[] levels = new LstmStepper[conductor.length];
        float[][][] states = conductorInitial.states(z);
        for (int l = 0; l < conductor.length; l++) {
            // The conductor's input is zeros: its share of the gates is exactly nothing, so the
            // first layer's product covers the h rows only and its prefill is the bias.
            levels[l] = new LstmStepper(conductor[l], b, l > 0);
            levels[l].setState(states[l][0], states[l][1]);
        }
        int embeddingSize = levels[levels.length - 1].units();
        CategoricalDecoder.Run run = core.start(b);
        int[] previous = new int[b];
        Arrays.fill(previous, depth);
        int[][] tokens = new int[b][steps];
        float[] logits = new float[b * steps * depth];
        for (int bar = 0; bar < bars; bar++) {
            for (int l = 0; l < levels.length; l++) {
                levels[l].prefillBias();
                if (l > 0) {
                    float[] below = levels[l - 1].h();
                    int n = levels[l - 1].units();
                    for (int r = 0; r < b; r++) {
                        levels[l].setInput(r, below, r * n);
                    }
                }
                levels[l].step();
            }
            INDArray embedding = Nd4j.create(levels[levels.length - 1].h().clone(), new long[] {b, embeddingSize}, 'c');
            float[][][] coreStates = coreInitial.states(embedding);
            for (int l = 0; l < coreStates.length; l++) {
                run.setState(l, coreStates[l][0], coreStates[l][1]);
            }
            run.decode(core.contextGates(embedding), previous, stepsPerBar, sampling, rows, tokens, logits, steps, bar * stepsPerBar);
        }
        return new Decoded(tokens, Nd4j.create(logits, new long[] {b, steps, depth}, 'c'));
    }
}
