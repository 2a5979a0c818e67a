package org.synvae.music.model;

import java.util.Arrays;

/**
 * One LSTMBlockCell layer (see {@link LstmCell}) run over a sequence, keeping what its backward
 * pass needs: every step's gate activations and c. Matrices are step-major: step s of a batch of B
 * is rows {@code [s B, (s + 1) B)}.
 *
 * <p>Forward: the caller writes each step's input share of the gates ({@code x K_x + bias}, without
 * the forget bias) into {@link #gates()} at the step's rows, then calls {@link #step}, which adds
 * {@code h K_h} and applies the cell. Backward: {@link #backward} takes the gradient on every
 * step's h and leaves the gradient of every step's gate pre-activations in {@link #gates()}, from
 * which the caller gets its inputs' gradients with one product over all steps. Not thread-safe;
 * buffers are reused from call to call.
 */
final class LstmTape {
    private final int batch;
    private final int steps;
    private final int units;
    private final NativeMatrix hiddenKernel;
    /** [steps B, 4n]: pre-activations in the forward pass, their gradients after {@link #backward}. */
    private final NativeMatrix gates;
    /** [steps B, n]: h of every step. */
    private final NativeMatrix hidden;
    /** [B, n]: the initial h, or all zeros. */
    private final NativeMatrix initialHidden;
    /** [B, n]: the gradient of the initial h after {@link #backward}. */
    private final NativeMatrix initialHiddenGradient;
    private final float[] initialCells;
    private boolean zeroInitialHidden = true;
    /** Per step, the activations of the gates i, j, f, o and the new c, each [B n]. */
    private final float[][] i;
    private final float[][] j;
    private final float[][] f;
    private final float[][] o;
    private final float[][] c;
    private final float[] row;
    private final float[] h;
    private final float[] dh;
    private final float[] dc;
    private final float[] dGates;
    private final float[] tanhC;
    private final float[] di;
    private final float[] dj;
    private final float[] df;
    private final float[] dout;

    /** @param hiddenKernel the kernel rows acting on h, [n, 4n] */
    LstmTape(NativeMatrix hiddenKernel, int batch, int steps) {
        this.batch = batch;
        this.steps = steps;
        this.units = hiddenKernel.rows;
        if (hiddenKernel.cols != 4 * units) {
            throw new IllegalArgumentException("hidden kernel must be [n, 4n]");
        }
        this.hiddenKernel = hiddenKernel;
        int len = batch * units;
        gates = NativeMatrix.zeros(steps * batch, 4 * units);
        hidden = NativeMatrix.zeros(steps * batch, units);
        initialHidden = NativeMatrix.zeros(batch, units);
        initialHiddenGradient = NativeMatrix.zeros(batch, units);
        initialCells = new float[len];
        i = new float[steps][len];
        j = new float[steps][len];
        f = new float[steps][len];
        o = new float[steps][len];
        c = new float[steps][len];
        row = new float[batch * 4 * units];
        h = new float[len];
        dh = new float[len];
        dc = new float[len];
        dGates = new float[batch * 4 * units];
        tanhC = new float[len];
        di = new float[len];
        dj = new float[len];
        df = new float[len];
        dout = new float[len];
    }

    int units() {
        return units;
    }

    /** The gate matrix [steps B, 4n] (see the class comment). */
    NativeMatrix gates() {
        return gates;
    }

    /** h of every step, [steps B, n]. */
    NativeMatrix hidden() {
        return hidden;
    }

    /** Sets the initial state from [B n] row-major c and h; {@code null} for zeros. */
    void setInitialState(float[] cells, float[] h) {
        if (cells == null) {
            Arrays.fill(initialCells, 0f);
        } else {
            System.arraycopy(cells, 0, initialCells, 0, initialCells.length);
        }
        zeroInitialHidden = h == null;
        if (h != null) {
            initialHidden.putRows(0, batch, h, 0);
        }
    }

    /** Step s: gates += h_{s-1} K_h, then the cell update; the activations and c are kept. */
    void step(int s) {
        int at = s * batch;
        if (s > 0) {
            gates.multiply(at, hidden, at - batch, batch, hiddenKernel, false, true);
        } else if (!zeroInitialHidden) {
            gates.multiply(at, initialHidden, 0, batch, hiddenKernel, false, true);
        }
        gates.getRows(at, batch, row, 0);
        int n = units;
        for (int r = 0; r < batch; r++) {
            int g = r * 4 * n;
            int to = r * n;
            System.arraycopy(row, g, i[s], to, n);
            System.arraycopy(row, g + n, j[s], to, n);
            System.arraycopy(row, g + 2 * n, f[s], to, n);
            System.arraycopy(row, g + 3 * n, o[s], to, n);
        }
        float[] cell = c[s];
        System.arraycopy(s > 0 ? c[s - 1] : initialCells, 0, cell, 0, cell.length);
        LstmMath.cell(i[s], j[s], f[s], o[s], cell, h, cell.length);
        hidden.putRows(at, batch, h, 0);
    }

    /**
     * Backpropagates through all steps. {@code hiddenGradient} [steps B, n] holds the gradient on
     * each step's h from outside the layer; it is used as scratch (the recurrent share is added into
     * it). Afterwards {@link #gates()} holds the gradients of the gate pre-activations, and
     * {@link #initialHiddenGradient()} and {@link #initialCellGradient()} those of the initial state.
     */
    void backward(NativeMatrix hiddenGradient) {
        int len = batch * units;
        int n = units;
        Arrays.fill(dc, 0f);
        for (int s = steps - 1; s >= 0; s--) {
            int at = s * batch;
            hiddenGradient.getRows(at, batch, dh, 0);
            float[] is = i[s];
            float[] js = j[s];
            float[] fs = f[s];
            float[] os = o[s];
            float[] cs = c[s];
            float[] prev = s > 0 ? c[s - 1] : initialCells;
            for (int k = 0; k < len; k++) {
                tanhC[k] = LstmMath.tanh(cs[k]);
            }
            // dc_total = dc_next + dh o (1 - tanh(c)^2), kept in dc.
            for (int k = 0; k < len; k++) {
                dc[k] += dh[k] * os[k] * (1f - tanhC[k] * tanhC[k]);
            }
            // One simple loop per gate: loops mixing several array offsets stay scalar (see LstmMath).
            for (int k = 0; k < len; k++) {
                di[k] = dc[k] * js[k] * is[k] * (1f - is[k]);
            }
            for (int k = 0; k < len; k++) {
                dj[k] = dc[k] * is[k] * (1f - js[k] * js[k]);
            }
            for (int k = 0; k < len; k++) {
                df[k] = dc[k] * prev[k] * fs[k] * (1f - fs[k]);
            }
            for (int k = 0; k < len; k++) {
                dout[k] = dh[k] * tanhC[k] * os[k] * (1f - os[k]);
            }
            for (int r = 0; r < batch; r++) {
                int g = r * 4 * n;
                int from = r * n;
                System.arraycopy(di, from, dGates, g, n);
                System.arraycopy(dj, from, dGates, g + n, n);
                System.arraycopy(df, from, dGates, g + 2 * n, n);
                System.arraycopy(dout, from, dGates, g + 3 * n, n);
            }
            for (int k = 0; k < len; k++) {
                dc[k] *= fs[k];
            }
            gates.putRows(at, batch, dGates, 0);
            if (s > 0) {
                hiddenGradient.multiply(at - batch, gates, at, batch, hiddenKernel, true, true);
            } else {
                initialHiddenGradient.multiply(0, gates, 0, batch, hiddenKernel, true, false);
            }
        }
    }

    /**
     * After {@link #backward}: the gradient of the kernel rows acting on h,
     * {@code sum_s h_{s-1}^T dg_s} (h_{-1} the initial h), into {@code out} [n, 4n].
     */
    void hiddenKernelGradient(NativeMatrix out) {
        out.multiplyTransposed(hidden, 0, gates, batch, (steps - 1) * batch, false);
        if (!zeroInitialHidden) {
            out.multiplyTransposed(initialHidden, 0, gates, 0, batch, true);
        }
    }

    /** After {@link #backward}: the gradient of the bias, the gate gradients summed over steps and rows, [4n]. */
    float[] biasGradient() {
        return gates.columnSums();
    }

    /** After {@link #backward}: the gradient of the initial h, [B, n]. */
    NativeMatrix initialHiddenGradient() {
        return initialHiddenGradient;
    }

    /** After {@link #backward}: the gradient of the initial c, [B n] row-major (live). */
    float[] initialCellGradient() {
        return dc;
    }
}
