package org.synvae.music.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Steps one {@link LstmCell} over a fixed batch with buffers allocated once: per step one matrix
 * product ({@code [x, h] kernel} added to gates the caller prefilled) and the elementwise math in
 * Java ({@link LstmMath}). Per-operation overhead of ND4J (tens to thousands of microseconds for
 * [64, 1024] arrays on a busy machine) dominated when every gate was its own ND4J operation.
 *
 * <p>Two forms: with an input ({@code x} is written each step with {@link #setInput} and the
 * product covers the whole kernel) or without one (the caller puts the input's share of the gates,
 * bias included, into the prefill, e.g. a row lookup for one-hot inputs; the product covers the
 * h rows only). Not thread-safe; one per decoding call.
 */
final class LstmStepper {
    private final int batch;
    private final int units;
    private final int inputWidth;
    private final int fourN;
    /** [B, inputWidth + n]: the step's input columns, then h of the previous step. */
    private final INDArray operand;
    private final FloatBuffer operandView;
    /** Kernel rows multiplying {@link #operand}: the whole kernel, or only its h rows. */
    private final INDArray kernel;
    private final INDArray gates;
    private final FloatBuffer gatesView;
    /** gates += operand kernel. */
    private final MatrixProduct product;
    private final float[] i;
    private final float[] j;
    private final float[] f;
    private final float[] o;
    private final float[] c;
    private final float[] h;
    /** The bias repeated for every row: the prefill of a layer whose whole input is in the product. */
    private final float[] biasRows;

    /**
     * @param withInput whether the step's product includes the input rows of the kernel
     */
    LstmStepper(LstmCell cell, int batch, boolean withInput) {
        this.batch = batch;
        this.units = cell.units();
        this.inputWidth = withInput ? Math.toIntExact(cell.inputSize()) : 0;
        this.fourN = 4 * units;
        this.kernel = withInput ? cell.kernel() : cell.hiddenKernel();
        this.operand = Nd4j.create(DataType.FLOAT, batch, inputWidth + units);
        this.gates = Nd4j.create(DataType.FLOAT, batch, fourN);
        this.operandView = view(operand);
        this.gatesView = view(gates);
        this.product = new MatrixProduct(operand, kernel, gates);
        int len = batch * units;
        i = new float[len];
        j = new float[len];
        f = new float[len];
        o = new float[len];
        c = new float[len];
        h = new float[len];
        float[] bias = cell.bias().dup('c').data().asFloat();
        biasRows = new float[batch * fourN];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(bias, 0, biasRows, r * fourN, fourN);
        }
    }

    /** A float view of an array's native memory (no copy); the array must be a fresh C-order array. */
    static FloatBuffer view(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    int units() {
        return units;
    }

    /** Sets the state from [B * n] row-major arrays. */
    void setState(float[] cells, float[] hidden) {
        System.arraycopy(cells, 0, c, 0, c.length);
        System.arraycopy(hidden, 0, h, 0, h.length);
        for (int r = 0; r < batch; r++) {
            operandView.put(r * (inputWidth + units) + inputWidth, h, r * units, units);
        }
    }

    /** Sets row {@code r} of the gates' prefill (the input's share and the bias), [4n] from {@code src[off..]}. */
    void prefillRow(int r, float[] src, int off) {
        gatesView.put(r * fourN, src, off, fourN);
    }

    /** Sets the whole prefill from a [B * 4n] row-major array. */
    void prefill(float[] all) {
        gatesView.put(0, all, 0, batch * fourN);
    }

    /** Sets the prefill to the bias (for a product that covers the whole input, or a zero input). */
    void prefillBias() {
        prefill(biasRows);
    }

    /** Sets row {@code r} of the input, [inputWidth] from {@code src[off..]}. */
    void setInput(int r, float[] src, int off) {
        operandView.put(r * (inputWidth + units), src, off, inputWidth);
    }

    /** One step: gates += [x, h] kernel, then the cell update; h is kept for the next step. */
    void step() {
        product.accumulate();
        for (int r = 0; r < batch; r++) {
            int at = r * fourN;
            int to = r * units;
            gatesView.get(at, i, to, units);
            gatesView.get(at + units, j, to, units);
            gatesView.get(at + 2 * units, f, to, units);
            gatesView.get(at + 3 * units, o, to, units);
        }
        LstmMath.cell(i, j, f, o, c, h, batch * units);
        for (int r = 0; r < batch; r++) {
            operandView.put(r * (inputWidth + units) + inputWidth, h, r * units, units);
        }
    }

    /** The current h, [B * n] row-major (live: changes with the next step). */
    float[] h() {
        return h;
    }

    /** The current c, [B * n] row-major (live: changes with the next step). */
    float[] c() {
        return c;
    }
}
