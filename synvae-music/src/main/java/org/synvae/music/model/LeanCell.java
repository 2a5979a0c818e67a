package org.synvae.music.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/** The elementwise half of an LSTMBlockCell step in SameDiff, shared by the lean encoder and decoder cells. */
final class LeanCell {
    /** TensorFlow's LSTMBlockCell adds 1 to the forget gate's pre-activation. */
    private static final float FORGET_BIAS = 1f;

    private LeanCell() {
    }

    /** A layer's bias [4n] (gates i, j, f, o) with the forget bias added, so the step need not add it. */
    static SDVariable withForgetBias(SameDiff sd, SDVariable bias, long n) {
        float[] forget = new float[(int) (4 * n)];
        java.util.Arrays.fill(forget, (int) (2 * n), (int) (3 * n), FORGET_BIAS);
        return bias.add(sd.constant(Nd4j.createFromArray(forget)));
    }

    /**
     * LSTMBlockCell's update from the gate pre-activations {@code g} = [i, j, f, o] (forget bias
     * included) on the last axis ([B, 4n], or [2, B, 4n] for the encoder's stacked directions) and
     * the previous c ({@code null}: zero): {c', h'}. {@code rank} is g's rank (2 or 3). One sigmoid over all
     * of g and column slices of it, rather than a slice and a sigmoid per gate: the cell is unrolled
     * over every step and SameDiff's cost per operation dominates. Column slices, not one
     * {@code split}: libnd4j 1.0.0-M2.1 leaks native memory in split's gradient (~10 MB per
     * training step at these shapes, until the run dies).
     */
    static SDVariable[] update(SameDiff sd, SDVariable g, SDVariable previousC, long n, int rank) {
        SDVariable s = sd.nn().sigmoid(g);
        SDVariable i = columns(rank, s, 0, n);
        SDVariable j = sd.math().tanh(columns(rank, g, n, 2 * n));
        SDVariable f = columns(rank, s, 2 * n, 3 * n);
        SDVariable o = columns(rank, s, 3 * n, 4 * n);
        SDVariable c = previousC == null ? i.mul(j) : f.mul(previousC).add(i.mul(j));
        return new SDVariable[] {c, o.mul(sd.math().tanh(c))};
    }

    /** Columns [from, to) of the last axis of a rank-2 or rank-3 tensor. */
    private static SDVariable columns(int rank, SDVariable x, long from, long to) {
        SDIndex[] index = new SDIndex[rank];
        java.util.Arrays.fill(index, SDIndex.all());
        index[rank - 1] = SDIndex.interval(from, to);
        return x.get(index);
    }

}
