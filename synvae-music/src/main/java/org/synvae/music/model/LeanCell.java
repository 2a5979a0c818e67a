package org.synvae.music.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The elementwise half of an LSTMBlockCell step in SameDiff, shared by the lean encoder and decoder cells. */
final class LeanCell {
    private LeanCell() {
    }

    /**
     * LSTMBlockCell's update from the gate pre-activations {@code g} = [i, j, f, o] (forget bias
     * included), [B, 4n], and the previous c ({@code null}: zero): {c', h'}. One sigmoid over all
     * of g and column slices of it, rather than a slice and a sigmoid per gate: the cell is unrolled
     * over every step and SameDiff's cost per operation dominates. Column slices, not one
     * {@code split}: libnd4j 1.0.0-M2.1 leaks native memory in split's gradient (~10 MB per
     * training step at these shapes, until the run dies).
     */
    static SDVariable[] update(SameDiff sd, SDVariable g, SDVariable previousC, long n) {
        SDVariable s = sd.nn().sigmoid(g);
        SDVariable i = columns(s, 0, n);
        SDVariable j = sd.math().tanh(columns(g, n, 2 * n));
        SDVariable f = columns(s, 2 * n, 3 * n);
        SDVariable o = columns(s, 3 * n, 4 * n);
        SDVariable c = previousC == null ? i.mul(j) : f.mul(previousC).add(i.mul(j));
        return new SDVariable[] {c, o.mul(sd.math().tanh(c))};
    }

    private static SDVariable columns(SDVariable x, long from, long to) {
        return x.get(SDIndex.all(), SDIndex.interval(from, to));
    }

}
