package org.synvae.music.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * magenta's {@code initial_cell_state_from_embedding}: {@code tanh(dense(embedding))} split into an
 * LSTM stack's initial states in TensorFlow's flattening order c0, h0, c1, h1, ...
 */
final class StateProjection {
    private final INDArray kernel;
    private final INDArray bias;
    private final int[] units;

    /**
     * @param kernel [embedding, 2 * sum(units)]
     * @param bias   [2 * sum(units)]
     * @param units  units of each layer of the stack
     */
    StateProjection(INDArray kernel, INDArray bias, int[] units) {
        this.kernel = kernel.castTo(DataType.FLOAT).dup('c');
        this.bias = bias.castTo(DataType.FLOAT).reshape(1, kernel.size(1)).dup('c');
        this.units = units.clone();
    }

    /** The states for a batch of embeddings [B, e]: [layer][0 = c, 1 = h], each [B * n] row-major. */
    float[][][] states(INDArray embedding) {
        float[][] all = Transforms.tanh(embedding.castTo(DataType.FLOAT).mmul(kernel).addiRowVector(bias), false).toFloatMatrix();
        int b = all.length;
        float[][][] states = new float[units.length][2][];
        int at = 0;
        for (int l = 0; l < units.length; l++) {
            int n = units[l];
            for (int part = 0; part < 2; part++) {
                float[] v = new float[b * n];
                for (int r = 0; r < b; r++) {
                    System.arraycopy(all[r], at + part * n, v, r * n, n);
                }
                states[l][part] = v;
            }
            at += 2 * n;
        }
        return states;
    }
}
