package org.synvae.music.model;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * magenta's {@code CategoricalLstmDecoder} at inference: an LSTM stack whose first layer reads
 * {@code [previous output one-hot, context]} (context: z for flat models, the conductor's
 * embedding of the bar for hierarchical ones), a linear output projection to logits, and a class
 * picked per step and fed back.
 *
 * <p>Why it is fast: the context's share of the first layer's gates is computed once per sequence
 * ({@link #contextGates}); the one-hot's share is a row of the kernel, added in Java rather than
 * multiplied; each layer costs one matrix product per step into preallocated arrays
 * ({@link LstmStepper}); the output projection is one more.
 */
final class CategoricalDecoder {
    private final LstmCell[] layers;
    private final int depth;
    /** Rows of the first layer's kernel acting on the one-hot input, plus a zero row (index depth) for "no previous output". */
    private final float[][] feedbackRows;
    /** Rows of the first layer's kernel acting on the context, [context, 4n]. */
    private final INDArray contextKernel;
    private final INDArray outKernel;
    private final float[] outBias;

    /**
     * @param layers    the stack; the first layer's input is {@code depth + context} wide
     * @param outKernel [n_top, depth]
     * @param outBias   [depth]
     */
    CategoricalDecoder(LstmCell[] layers, int depth, INDArray outKernel, INDArray outBias) {
        this.layers = layers.clone();
        this.depth = depth;
        INDArray input = layers[0].inputKernel();
        int fourN = 4 * layers[0].units();
        feedbackRows = new float[depth + 1][];
        for (int k = 0; k < depth; k++) {
            feedbackRows[k] = input.getRow(k).dup('c').data().asFloat();
        }
        feedbackRows[depth] = new float[fourN];
        contextKernel = input.get(NDArrayIndex.interval(depth, input.size(0)), NDArrayIndex.all()).dup('c');
        this.outKernel = outKernel.dup('c');
        this.outBias = outBias.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Width of the context input. */
    long contextSize() {
        return contextKernel.size(0);
    }

    /** Units of each layer. */
    int units(int layer) {
        return layers[layer].units();
    }

    /** Number of layers. */
    int layerCount() {
        return layers.length;
    }

    /** One-hot classes per step. */
    int depth() {
        return depth;
    }

    /** The context's share of the first layer's gates, bias included: {@code context W + b}, [B][4n]. */
    float[][] contextGates(INDArray context) {
        INDArray g = layers[0].bias().repeat(0, context.size(0));
        Nd4j.gemm(context.castTo(DataType.FLOAT).dup('c'), contextKernel, g, false, false, 1.0, 1.0);
        return g.toFloatMatrix();
    }

    /** Buffers for decoding a batch of {@code batch} sequences. */
    Run start(int batch) {
        return new Run(batch);
    }

    /** One decoding call's buffers and state. Not thread-safe. */
    final class Run {
        private final int batch;
        private final LstmStepper[] steppers;
        private final float[] row;
        private final INDArray top;
        private final FloatBuffer topView;
        private final INDArray logits;
        private final FloatBuffer logitsView;
        private final MatrixProduct projection;
        private final float[] outBiasPrefill;
        private final float[] stepLogits;

        private Run(int batch) {
            this.batch = batch;
            steppers = new LstmStepper[layers.length];
            for (int l = 0; l < layers.length; l++) {
                steppers[l] = new LstmStepper(layers[l], batch, l > 0);
            }
            row = new float[4 * layers[0].units()];
            int nTop = layers[layers.length - 1].units();
            top = Nd4j.create(DataType.FLOAT, batch, nTop);
            topView = LstmStepper.view(top);
            logits = Nd4j.create(DataType.FLOAT, batch, depth);
            logitsView = LstmStepper.view(logits);
            projection = new MatrixProduct(top, outKernel, logits);
            outBiasPrefill = new float[batch * depth];
            for (int r = 0; r < batch; r++) {
                System.arraycopy(outBias, 0, outBiasPrefill, r * depth, depth);
            }
            stepLogits = new float[batch * depth];
        }

        /** Sets layer {@code l}'s state from [B * n] row-major c and h. */
        void setState(int l, float[] c, float[] h) {
            steppers[l].setState(c, h);
        }

        /**
         * Decodes {@code steps} steps. {@code previous[b]} is the class fed to the first step
         * ({@code depth} = none, zeros) and is left at the last class picked.
         *
         * @param contextGates  {@link #contextGates} of the batch's contexts
         * @param rows          each sequence's generator (see {@link Sampling#rowGenerators})
         * @param tokens        [B][totalSteps], written at steps {@code offset..offset+steps-1}
         * @param logitsOut     [B * totalSteps * depth], written likewise
         */
        void decode(float[][] contextGates, int[] previous, int steps, Sampling sampling,
                    SplittableRandom[] rows, int[][] tokens, float[] logitsOut, int totalSteps, int offset) {
            int fourN = row.length;
            for (int t = 0; t < steps; t++) {
                LstmStepper first = steppers[0];
                for (int r = 0; r < batch; r++) {
                    // One-hot times the kernel is a row of it: add that row to the context's share.
                    float[] fb = feedbackRows[previous[r]];
                    float[] ctx = contextGates[r];
                    for (int k = 0; k < fourN; k++) {
                        row[k] = fb[k] + ctx[k];
                    }
                    first.prefillRow(r, row, 0);
                }
                first.step();
                for (int l = 1; l < steppers.length; l++) {
                    LstmStepper s = steppers[l];
                    s.prefillBias();
                    float[] below = steppers[l - 1].h();
                    int n = steppers[l - 1].units();
                    for (int r = 0; r < batch; r++) {
                        s.setInput(r, below, r * n);
                    }
                    s.step();
                }
                topView.put(0, steppers[steppers.length - 1].h());
                logitsView.put(0, outBiasPrefill);
                projection.accumulate();
                logitsView.get(0, stepLogits);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(stepLogits, b * depth, logitsOut, (b * totalSteps + offset + t) * depth, depth);
                    int chosen = sampling.pick(stepLogits, b * depth, depth, rows[b]);
                    tokens[b][offset + t] = chosen;
                    previous[b] = chosen;
                }
            }
        }
    }
}
