package org.synvae.music.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.synvae.data.io.NdArrays;

/**
 * TensorFlow's {@code LSTMBlockCell} (the cell of magenta's MusicVAE) on ND4J arrays: kernel
 * [in + n, 4n] whose first {@code in} rows act on the input and the rest on the previous h; column
 * blocks i, j, f, o; forget bias 1 added at run time; no peepholes, no clipping:
 * <pre>
 * g = [x, h] kernel + bias;  c' = sigmoid(f + 1) c + sigmoid(i) tanh(j);  h' = sigmoid(o) tanh(c')
 * </pre>
 * The input part is passed in pre-multiplied, so callers can compute it for many steps in one
 * matrix product (encoder) or replace it by a row lookup for one-hot inputs (decoder).
 */
public final class LstmCell {
    private final INDArray kernel;
    private final INDArray inputKernel;
    private final INDArray hiddenKernel;
    private final INDArray bias;
    private final int units;

    /**
     * @param kernel [in + n, 4n]
     * @param bias   [4n]
     */
    public LstmCell(INDArray kernel, INDArray bias) {
        long fourN = kernel.size(1);
        if (fourN % 4 != 0 || bias.length() != fourN) {
            throw new IllegalArgumentException("LSTM kernel " + java.util.Arrays.toString(kernel.shape()) + " and bias ["
                    + bias.length() + "] do not fit");
        }
        this.units = (int) (fourN / 4);
        long in = kernel.size(0) - units;
        // Row ranges of a C-order matrix are contiguous views: no copy of the (up to 134 MB) kernel.
        INDArray k = kernel.ordering() == 'c' && !kernel.isView() ? kernel : kernel.dup('c');
        this.kernel = k;
        this.inputKernel = k.get(NDArrayIndex.interval(0, in), NDArrayIndex.all());
        this.hiddenKernel = k.get(NDArrayIndex.interval(in, k.size(0)), NDArrayIndex.all());
        this.bias = bias.reshape(1, fourN).dup('c');
    }

    /** Units n. */
    public int units() {
        return units;
    }

    /** Input size (kernel rows minus n). */
    public long inputSize() {
        return inputKernel.size(0);
    }

    /** The kernel rows acting on the input, [in, 4n]. */
    public INDArray inputKernel() {
        return inputKernel;
    }

    /** {@code x inputKernel + bias}: the input part of the gates, [B, 4n]. */
    public INDArray inputGates(INDArray x) {
        INDArray gates = bias.repeat(0, x.size(0));
        // Nd4j.gemm into a prepared array: INDArray.mmul allocates and copies (1.5 ms vs 0.25 ms here).
        Nd4j.gemm(contiguous(x), inputKernel, gates, false, false, 1.0, 1.0);
        return gates;
    }

    /** The bias as a row [1, 4n], for callers that assemble the input part themselves. */
    public INDArray bias() {
        return bias;
    }

    /** The whole kernel [in + n, 4n], C order. */
    public INDArray kernel() {
        return kernel;
    }

    /** The kernel rows acting on the previous h, [n, 4n]. */
    public INDArray hiddenKernel() {
        return hiddenKernel;
    }

    /**
     * One step from the input part of the gates ({@code x inputKernel + bias}, [B, 4n]). For many
     * steps use an {@link LstmStepper}, which this delegates to, directly: it keeps its buffers.
     */
    public LstmState step(INDArray inputGates, LstmState state) {
        int b = Math.toIntExact(inputGates.size(0));
        LstmStepper stepper = new LstmStepper(this, b, false);
        stepper.setState(NdArrays.floats(state.c()), NdArrays.floats(state.h()));
        stepper.prefill(NdArrays.floats(inputGates));
        stepper.step();
        long[] shape = {b, units};
        return new LstmState(Nd4j.create(stepper.c().clone(), shape, 'c'), Nd4j.create(stepper.h().clone(), shape, 'c'));
    }

    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }
}
