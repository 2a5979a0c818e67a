package org.synvae.music.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The decoder's stack of LSTMBlockCells (see {@link LstmCell}) with the per-step work cut to what
 * changes per step; SameDiff's cost per operation (forward and backward) dominates these graphs.
 * Done once per graph pass instead of once per step:
 * <ul>
 *   <li>the forget bias folded into the bias;
 *   <li>layer 0's z part, {@code z K[z rows] + bias}: z is the same at every step, so each step
 *       multiplies only [previous output, h] by the remaining kernel rows (no concat with z);
 * </ul>
 * The checkpoint variables keep TensorFlow's layout; only derived tensors are built here.
 */
final class LeanDecoderCells {
    private final SameDiff sd;
    private final SDVariable[] kernels;
    private final SDVariable[] biases;
    private final long[] units;

    /** Prepares the weights of {@code config}'s decoder layers for latent codes {@code z} [B, zSize]. */
    LeanDecoderCells(SameDiff sd, MusicVaeConfig config, SDVariable z) {
        this.sd = sd;
        int layers = config.decoderSizes().size();
        this.kernels = new SDVariable[layers];
        this.biases = new SDVariable[layers];
        this.units = new long[layers];
        for (int l = 0; l < layers; l++) {
            long n = config.decoderSizes().get(l);
            units[l] = n;
            SDVariable k = sd.getVariable(MusicVaeVariables.decoderKernel(l));
            SDVariable bias = LeanCell.withForgetBias(sd, sd.getVariable(MusicVaeVariables.decoderBias(l)), n);
            if (l == 0) {
                long depth = config.depth();
                long zEnd = depth + config.zSize();
                SDVariable zRows = k.get(SDIndex.interval(depth, zEnd), SDIndex.all());
                kernels[l] = sd.concat(0, k.get(SDIndex.interval(0L, depth), SDIndex.all()), k.get(SDIndex.interval(zEnd, k.getShape()[0]), SDIndex.all()));
                biases[l] = z.mmul(zRows).add(bias);
            } else {
                kernels[l] = k;
                biases[l] = bias;
            }
        }
    }

    /**
     * One step of every layer: {@code states[l]} = {c, h} is replaced by the next state.
     *
     * @param previous the step's input without z, [B, depth]
     * @return the top layer's h
     */
    SDVariable step(SDVariable previous, SDVariable[][] states) {
        SDVariable input = previous;
        for (int l = 0; l < states.length; l++) {
            SDVariable g = sd.concat(1, input, states[l][1]).mmul(kernels[l]).add(biases[l]);
            states[l] = LeanCell.update(sd, g, states[l][0], units[l], 2);
            input = states[l][1];
        }
        return input;
    }
}
